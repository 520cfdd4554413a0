using System.Reflection;
using PromptOptimizer.Cli;

namespace PromptOptimizer.Tests.Cli;

/// <summary>
/// The binary that <c>.ci/run</c> publishes for the process tests (<c>PO_TEST_CLI</c>) must be the Native AOT executable
/// users are given and the bench measures, not a framework-dependent apphost that needs <c>prompt-optimizer.dll</c>
/// and a .NET runtime beside it. Without <c>PO_TEST_CLI</c> (a plain <c>dotnet test</c>) there is nothing to check.
/// </summary>
public sealed class PublishedCliTests
{
    [SkippableFact]
    public async Task PublishedCli_WhenConfigured_IsANativeExecutableOfThisBuild()
    {
        var published = Environment.GetEnvironmentVariable(CliProcess.PublishedCliVariable);
        Skip.If(string.IsNullOrEmpty(published), $"{CliProcess.PublishedCliVariable} is not set: the process tests run the build's dll");
        Skip.IfNot(OperatingSystem.IsLinux(), "the executable format checked here is Linux's (ELF)");

        var image = await File.ReadAllBytesAsync(published);
        Assert.True(image.AsSpan().StartsWith("\u007fELF"u8), $"{published} is not an ELF executable");

        // An apphost, even a single-file one, finds the .NET runtime through hostfxr; a Native AOT image has no host.
        Assert.True(image.AsSpan().IndexOf("libhostfxr"u8) < 0, $"{published} is a .NET apphost, not a Native AOT executable");
        var folder = Path.GetDirectoryName(Path.GetFullPath(published))!;
        Assert.False(File.Exists(Path.Combine(folder, "prompt-optimizer.dll")), $"{folder} holds prompt-optimizer.dll: a framework-dependent publish");

        // The same commit as the tests: a stale binary left in the variable would test yesterday's code.
        var expected = typeof(ExitCodes).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        using var cli = CliProcess.Start(["--version"], new Dictionary<string, string>(StringComparer.Ordinal));
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exit);
        Assert.Equal(expected, cli.Output.Trim());
    }
}
