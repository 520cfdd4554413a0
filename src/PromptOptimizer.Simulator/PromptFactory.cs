using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PromptOptimizer.Simulator;

/// <summary>Builds the <c>prompt_draft</c>, <c>prompt_critique</c> and plain-prose answers.</summary>
internal static class PromptFactory
{
    private static readonly string[] Dimensions = ["grounding", "coverage", "clarity", "safety", "format"];

    public static JsonObject Draft(ChatRequest request, IReadOnlyList<SourceExcerpt> sources)
    {
        var title = request.TopicTitle;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"You are a patient, rigorous tutor for \"{title}\".");
        if (request.Description.Length > 0)
        {
            text.Append(' ').Append(request.Description.Trim());
        }

        text.Append("\n\n");
        if (sources.Count > 0)
        {
            text.Append("Ground every factual claim in the sources below and cite them inline by id, like [")
                .Append(sources[0].Id).Append("]. Sources available: ")
                .AppendJoin("; ", sources.Select(s => s.Title is { Length: > 0 } t ? $"{s.Id} ({t})" : s.Id))
                .Append(". If the sources do not cover a question, say so plainly instead of guessing.");
        }
        else
        {
            text.Append("No sources were supplied: say when a claim rests on general knowledge, never invent citations.");
        }

        text.Append("\n\nTeach step by step. Start from what the learner already knows, define each new term once, ");
        if (request.Keywords.Count > 0)
        {
            text.Append("pay special attention to ").AppendJoin(", ", request.Keywords).Append(", ");
        }

        text.Append("then check understanding with one short question before moving on.")
            .Append("\n\nSafety: refuse to give operational instructions that would cause harm; explain the defensive view instead.")
            .Append("\n\nFormat: short paragraphs, plain language, at most one list per answer, end with a one-line summary.");

        var revisions = ChatRequestParser.CountRevisions(request.PreviousPrompt);
        if (request.PreviousPrompt is not null)
        {
            text.Append('\n');
            for (var n = 1; n <= revisions + 1; n++)
            {
                text.Append(CultureInfo.InvariantCulture, $"\nRevision: {n}");
            }
        }

        return new JsonObject { ["system_prompt"] = text.ToString() };
    }

    public static JsonObject Critique(ChatRequest request, bool lowScore)
    {
        var underReview = request.PromptUnderReview ?? request.LastUserText;
        var score = lowScore ? 4 : ChatRequestParser.CountRevisions(underReview) > 0 ? 9 : 7;
        var scores = new JsonObject();
        foreach (var dimension in Dimensions)
        {
            scores[dimension] = score;
        }

        var weaknesses = score >= 9
            ? new JsonArray("Minor: one worked example would make the expected answer style clearer.")
            : new JsonArray(
                "Grounding: the prompt does not require a citation for every factual claim.",
                "Coverage: common misconceptions about " + request.TopicTitle + " are not addressed.",
                "Format: the expected answer length is not stated.");
        return new JsonObject { ["scores"] = scores, ["weaknesses"] = weaknesses };
    }

    public static string Prose(ChatRequest request) =>
        $"This is a simulated answer about {request.TopicTitle}. The simulator only produces structured answers for the " +
        "flashcards, prompt_draft and prompt_critique schemas, so this reply is plain prose.";
}
