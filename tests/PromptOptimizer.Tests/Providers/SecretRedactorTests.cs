using PromptOptimizer.Providers;

namespace PromptOptimizer.Tests.Providers;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Redact_EveryOccurrenceOfEveryKey_Replaced()
    {
        var redactor = new SecretRedactor(["sk-or-v1-abcdef123456", "exa-key-7654321", null, ""]);

        var text = redactor.Redact("a sk-or-v1-abcdef123456 b exa-key-7654321 c sk-or-v1-abcdef123456");

        Assert.Equal("a [REDACTED] b [REDACTED] c [REDACTED]", text);
    }

    [Fact]
    public void Redact_ShortValues_NotTreatedAsSecrets()
    {
        var redactor = new SecretRedactor(["key", "1234567"]);

        Assert.Equal("key 1234567", redactor.Redact("key 1234567"));
    }

    [Fact]
    public void Redact_NoSecrets_TextUnchanged()
    {
        Assert.Equal("plain", SecretRedactor.None.Redact("plain"));
    }

    [Fact]
    public void RedactOrNull_Null_Null()
    {
        var redactor = new SecretRedactor(["sk-or-v1-abcdef123456"]);

        Assert.Null(redactor.RedactOrNull(null));
        Assert.Equal("x [REDACTED]", redactor.RedactOrNull("x sk-or-v1-abcdef123456"));
    }

    [Fact]
    public void ProviderEndpoint_ToString_NeverShowsKey()
    {
        var endpoint = new ProviderEndpoint(new Uri("https://openrouter.ai/api/v1"), "sk-or-v1-abcdef123456");

        Assert.DoesNotContain("sk-or-v1", endpoint.ToString(), StringComparison.Ordinal);
        Assert.Equal("https://openrouter.ai/api/v1/", endpoint.BaseUri.AbsoluteUri);
    }
}
