namespace ImportPortal.Mappings;

internal static class MappingsServiceCollectionExtensions
{
    public static IServiceCollection AddMappingProfiles(this IServiceCollection services) =>
        services.AddSingleton<MappingProfileStore>()
            .AddSingleton<MappingPreview>()
            .AddSingleton<SourceValidations>()
            .AddSingleton<Jobs.ProgressFeed<ValidationProgress>>()
            .AddTransient<Jobs.ValidateSourceJob>();
}
