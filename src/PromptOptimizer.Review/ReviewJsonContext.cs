using System.Text.Json.Serialization;

namespace PromptOptimizer.Review;

/// <summary>Source-generated (reflection-free) JSON for the page's API, snake_case like the tool's other documents.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ReviewDocuments.Session))]
[JsonSerializable(typeof(ReviewDocuments.Runs))]
[JsonSerializable(typeof(ReviewDocuments.Tree))]
[JsonSerializable(typeof(ReviewDocuments.TopicCards))]
[JsonSerializable(typeof(ReviewDocuments.SearchPage))]
[JsonSerializable(typeof(ReviewDocuments.ReviewChange))]
[JsonSerializable(typeof(ReviewDocuments.ReviewResult))]
[JsonSerializable(typeof(ReviewDocuments.Failures))]
[JsonSerializable(typeof(ReviewDocuments.Retry))]
[JsonSerializable(typeof(ReviewDocuments.RetryResult))]
[JsonSerializable(typeof(ReviewDocuments.Prompt))]
[JsonSerializable(typeof(ReviewDocuments.Problem))]
internal sealed partial class ReviewJsonContext : JsonSerializerContext;
