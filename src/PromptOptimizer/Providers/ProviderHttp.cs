using System.Net.Http.Headers;
using System.Text;

namespace PromptOptimizer.Providers;

/// <summary>The HTTP part the provider clients share: send JSON, read the whole body, turn a dropped connection into data.</summary>
internal static class ProviderHttp
{
    /// <summary>How much of a failed answer's body is kept for inspection.</summary>
    public const int MaxBodyInError = 2000;

    public static string Cut(string text) => text.Length <= MaxBodyInError ? text : text[..MaxBodyInError] + "…";

    public static Task<HttpExchange> PostJsonAsync(
        HttpClient http,
        Uri uri,
        string body,
        Action<HttpRequestHeaders> addHeaders,
        string provider,
        SecretRedactor redactor,
        TimeProvider time,
        CancellationToken cancellationToken) =>
        SendAsync(http, HttpMethod.Post, uri, body, addHeaders, provider, redactor, time, cancellationToken);

    /// <summary>Sends <paramref name="body"/> as JSON (none when null) and reads the whole answer.</summary>
    public static async Task<HttpExchange> SendAsync(
        HttpClient http,
        HttpMethod method,
        Uri uri,
        string? body,
        Action<HttpRequestHeaders> addHeaders,
        string provider,
        SecretRedactor redactor,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        addHeaders(message.Headers);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            return new HttpExchange(0, "", null, null, new ProviderError(provider, ErrorKind.Transient,
                "connection failed: " + redactor.Redact(ex.Message), null, IsTransient: true, StopsRun: false));
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new HttpExchange((int)response.StatusCode, text, response.ReasonPhrase, RetryAfterParser.Parse(response.Headers, time.GetUtcNow()), null);
        }
    }
}
