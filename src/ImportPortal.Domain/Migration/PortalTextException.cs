namespace ImportPortal.Domain.Migration;

/// <summary>
/// The portal cannot go on, and says why in its own words (<see cref="Text"/>, shown in the reader's language);
/// the exception's message is the English.
/// </summary>
public sealed class PortalTextException : InvalidOperationException
{
    public PortalTextException()
        : this(new PortalText(RecordTexts.Unexpected, "", ""))
    {
    }

    public PortalTextException(string message)
        : base(message) => Text = new PortalText(RecordTexts.Unexpected, nameof(InvalidOperationException), message);

    public PortalTextException(string message, Exception innerException)
        : base(message, innerException) => Text = new PortalText(RecordTexts.Unexpected, nameof(InvalidOperationException), message);

    public PortalTextException(PortalText text, Exception? innerException = null)
        : base((text ?? throw new ArgumentNullException(nameof(text))).English, innerException) => Text = text;

    public PortalText Text { get; }
}
