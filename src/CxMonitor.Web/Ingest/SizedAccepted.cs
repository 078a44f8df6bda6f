using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Ingest;

/// <summary>What <see cref="Accepted{TValue}"/> answers (202, the same JSON, the same OpenAPI
/// metadata), but with the body's length in Content-Length. <c>Accepted</c> streams its JSON and
/// flushes, so Kestrel sends the answer chunked: the body in one send and the closing chunk in
/// another. A single rating's answer is a few dozen bytes; with its length known the status,
/// headers and body leave in one send (issue 19).</summary>
public sealed class SizedAccepted<TValue>(TValue value) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<TValue>, IEndpointMetadataProvider
{
    public TValue Value { get; } = value;

    object? IValueHttpResult.Value => Value;

    public int StatusCode => StatusCodes.Status202Accepted;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        // The serializer settings minimal APIs use for their own JSON answers.
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToUtf8Bytes(Value, options.GetTypeInfo(typeof(TValue)));
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        // Not flushed here: the server sends it with the end of the response, in the same write.
        response.BodyWriter.Write(body);
        return Task.CompletedTask;
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status202Accepted, typeof(TValue), ["application/json"]));
}
