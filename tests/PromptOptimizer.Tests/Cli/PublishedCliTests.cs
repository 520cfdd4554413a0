namespace PromptOptimizer.Tests.Cli;

/// <summary>
/// The binary that <c>.ci/run</c> publishes for the process tests (<c>PO_TEST_CLI</c>) must be the Native AOT executable
/// users are given and the bench measures, not a framework-dependent apphost that needs <c>prompt-optimizer.dll</c>
/// and a .NET runtime beside it. Without <c>PO_TEST_CLI</c> (a plain <c>dotnet test</c>) there is nothing to check.
/// </summary>
public sealed class PublishedCliTests
{
    [SkippableFact]
    public async Task PublishedCli_WhenConfigured_IsANativeExecutableThatRunsAlone()
    {
        var published = Environment.GetEnvironmentVariable(CliProcess.PublishedCliVariable);
        Skip.If(string.IsNullOrEmpty(published), $"{CliProcess.PublishedCliVariable} is not set: the process tests run the build's dll");

        var head = new byte[4];
        await using (var file = File.OpenRead(published))
        {
            await file.ReadExactlyAsync(head);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), head);
        var folder = Path.GetDirectoryName(Path.GetFullPath(published))!;
        Assert.False(File.Exists(Path.Combine(folder, "prompt-optimizer.dll")), $"{folder} holds prompt-optimizer.dll: a framework-dependent publish, not Native AOT");
        Assert.False(File.Exists(Path.Combine(folder, "prompt-optimizer.runtimeconfig.json")), $"{folder} holds a runtimeconfig: the executable needs a .NET runtime");

        using var cli = CliProcess.Start(["--version"], new Dictionary<string, string>(StringComparer.Ordinal));
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exit);
        Assert.Matches(@"^\d+\.\d+", cli.Output.Trim());
    }
}
