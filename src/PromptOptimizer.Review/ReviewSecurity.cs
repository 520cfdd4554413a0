using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PromptOptimizer.Review;

/// <summary>
/// The gate every request passes, for a local server that shows text a model wrote from web pages: strict headers on
/// every answer, a <c>Host</c> that must name the bound address (no DNS rebinding), the token of the printed address
/// traded once for an HttpOnly SameSite=Strict cookie (then a redirect drops it from the address bar), 403 and no data
/// without it, and changes only as POSTs carrying the session's anti-forgery header.
/// </summary>
internal sealed class ReviewSecurity
{
    public const string CookieName = "po_review";
    public const string CsrfHeader = "X-Review-Csrf";
    public const string TokenParameter = "token";

    /// <summary>Self only, no inline script or style, no framing; card text is escaped anyway, this stops whatever slips through.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private readonly byte[] _token;
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public ReviewSecurity(string token, string csrf)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(csrf);
        Token = token;
        Csrf = csrf;
        _token = Encoding.UTF8.GetBytes(token);
    }

    public string Token { get; }

    /// <summary>The anti-forgery value the page sends in <see cref="CsrfHeader"/> with every POST.</summary>
    public string Csrf { get; }

    /// <summary>A new unguessable value (256 bits, URL-safe).</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Accepts <c>Host</c> headers naming the bound address (and the loopback names, for a loopback bind) with its port.</summary>
    public void AllowHosts(string host, int port, bool loopback)
    {
        var names = loopback ? new[] { host, "127.0.0.1", "localhost", "[::1]" } : [host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host];
        foreach (var name in names)
        {
            _hosts.Add(name + ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var response = context.Response;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.CacheControl = "no-store";
        response.Headers["Cross-Origin-Opener-Policy"] = "same-origin";
        response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";

        var request = context.Request;
        if (!_hosts.Contains(request.Host.Value ?? ""))
        {
            await RefuseAsync(context, StatusCodes.Status421MisdirectedRequest, "This review page answers only at the address it printed.").ConfigureAwait(false);
            return;
        }

        if (request.Query.TryGetValue(TokenParameter, out var offered))
        {
            if (!Matches(offered.ToString()))
            {
                await RefuseAsync(context, StatusCodes.Status403Forbidden, "Wrong token: open the address printed by prompt-optimizer serve.").ConfigureAwait(false);
                return;
            }

            response.Cookies.Append(CookieName, Token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
            // Only a path of this server: "//host" would be read as another site.
            var path = request.Path.Value is { Length: > 0 } p && !p.StartsWith("//", StringComparison.Ordinal) && !p.StartsWith("/\\", StringComparison.Ordinal) ? p : "/";
            response.Redirect(path + WithoutToken(request.Query), permanent: false);
            return;
        }

        if (!request.Cookies.TryGetValue(CookieName, out var cookie) || !Matches(cookie))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "Forbidden: open the address printed by prompt-optimizer serve.").ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !IsSameOriginChange(request))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "Changes need the page's anti-forgery header.").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private bool IsSameOriginChange(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method) || !request.Headers.TryGetValue(CsrfHeader, out var header))
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes(Csrf);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header.ToString()), expected))
        {
            return false;
        }

        // A browser names the page that sent a POST; it must be this server (the header alone already needs script on it).
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && _hosts.Contains(uri.Authority));
    }

    private bool Matches(string? value) =>
        value is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value), _token);

    private static string WithoutToken(IQueryCollection query)
    {
        var rest = query.Where(q => q.Key != TokenParameter).SelectMany(q => q.Value.Select(v => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(v ?? ""))).ToList();
        return rest.Count == 0 ? "" : "?" + string.Join('&', rest);
    }

    private static Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, context.RequestAborted);
    }
}
