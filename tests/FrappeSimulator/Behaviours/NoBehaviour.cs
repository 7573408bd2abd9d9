namespace FrappeSimulator.Behaviours;

/// <summary>Doctypes whose controller adds nothing the simulator needs.</summary>
sealed class NoBehaviour : IDocTypeBehaviour
{
    public static NoBehaviour Instance { get; } = new();
}
