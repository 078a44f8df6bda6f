using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CxMonitor.Testing;

/// <summary>A request as the stand-in received it (gzip bodies are unpacked).</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>What the stand-in answers next; <see cref="Drop"/> closes the connection unanswered.</summary>
public sealed record ScriptedResponse(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null)
{
    public static readonly ScriptedResponse Drop = new(-1);

    /// <summary>Bytes sent as they are, instead of <see cref="Body"/> (a page in another charset).</summary>
    public byte[]? RawBody { get; init; }
}

/// <summary>A real HTTP server on a loopback port that records every request and answers from a
/// script (then with the fallback), for failure paths a real server will not produce on demand.</summary>
public sealed class HttpStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private HttpStandIn(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ScriptedResponse Fallback { get; set; } = new(204);

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Optional: called for every request before the script; return null to use the script.</summary>
    public Func<RecordedRequest, ScriptedResponse?>? Handler { get; set; }

    public static async Task<HttpStandIn> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var standIn = new HttpStandIn(app, new Uri($"http://127.0.0.1:{port}/"));
        app.Run(standIn.HandleAsync);
        await app.StartAsync();
        return standIn;
    }

    public void Enqueue(params ScriptedResponse[] responses)
    {
        foreach (var r in responses)
            _script.Enqueue(r);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        Stream body = ctx.Request.Body;
        if (ctx.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
            body = new GZipStream(body, CompressionMode.Decompress);
        using var reader = new StreamReader(body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var request = new RecordedRequest(
            ctx.Request.Method,
            ctx.Request.Path.Value ?? "/",
            ctx.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            text);
        _requests.Enqueue(request);
        var response = Handler?.Invoke(request) ?? (_script.TryDequeue(out var next) ? next : Fallback);
        if (response.Status < 0)
        {
            ctx.Abort();
            return;
        }
        ctx.Response.StatusCode = response.Status;
        foreach (var (k, v) in response.Headers ?? new Dictionary<string, string>())
            ctx.Response.Headers[k] = v;
        if (response.RawBody is { } raw)
        {
            await ctx.Response.Body.WriteAsync(raw);
        }
        else if (response.Body.Length > 0)
        {
            // A scripted Content-Type stays (an HTML page, a declared charset); JSON otherwise.
            if (response.Headers?.Keys.Any(k => k.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) != true)
                ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(response.Body);
        }
    }
}
