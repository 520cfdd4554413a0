using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Architecture;

/// <summary>
/// Keeps <c>docs/architecture.md</c> true: every namespace of the engine sits in one layer, uses only its own layer
/// and lower ones, and no namespaces use each other in a cycle. A folder inside a folder (<c>Tracking/Sqlite</c>,
/// <c>Providers/Exa</c>) is its parent's business: only the parent may use it, so the stores are chosen by the CLI
/// alone and nothing above <c>Providers</c> sees a wire format.
/// </summary>
public sealed class LayerTests
{
    private const string Root = "PromptOptimizer";

    /// <summary>The layers of docs/architecture.md, bottom to top, as namespaces under <c>PromptOptimizer.</c>.</summary>
    private static readonly string[][] Layers =
    [
        ["Topics", "Cards", "Output", "Providers", "Providers.Exa", "Providers.OpenRouter"],
        ["Costs", "LocalSources", "Research", "Validation"],
        ["Generation"],
        ["Export", "Tracking", "Tracking.Sqlite", "Tracking.Postgres", "Batching"],
        ["Scheduling"],
    ];

    private static readonly Assembly Engine = typeof(ICompletionStore).Assembly;

    private static readonly Lazy<Graph> Dependencies = new(Graph.Build);

    [Fact]
    public void EngineNamespaces_Every_IsPlacedInALayer()
    {
        var unplaced = Dependencies.Value.Namespaces.Where(n => LayerOf(n) is null).ToList();
        Assert.True(unplaced.Count == 0, $"Place these namespaces in the layer table here and in docs/architecture.md: {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void EngineNamespaces_EachReference_PointsToTheSameOrALowerLayer()
    {
        var upward = Dependencies.Value.Edges
            .Where(e => LayerOf(e.From) is { } from && LayerOf(e.To) is { } to && to > from)
            .Select(e => $"{e.From} (layer {LayerOf(e.From) + 1}) uses {e.To} (layer {LayerOf(e.To) + 1}) in {e.Evidence}")
            .ToList();
        Assert.True(upward.Count == 0, "Lower layers must not use higher ones:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void EngineNamespaces_References_FormNoCycle()
    {
        var cycles = Dependencies.Value.Cycles().Select(c => string.Join(", ", c.Order(StringComparer.Ordinal)) + " use each other").ToList();
        Assert.True(cycles.Count == 0, "Namespaces must not use each other in a cycle:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void NestedNamespaces_References_ComeOnlyFromTheirParent()
    {
        var intruders = Dependencies.Value.Edges
            .Where(e => ParentOf(e.To) is { } parent && e.From != parent && !e.From.StartsWith(e.To + ".", StringComparison.Ordinal))
            .Select(e => $"{e.From} uses {e.To}, which only {ParentOf(e.To)} may use, in {e.Evidence}")
            .ToList();
        Assert.True(intruders.Count == 0, "A folder inside a folder belongs to its parent:\n" + string.Join("\n", intruders));
    }

    [Fact]
    public void DependencyGraph_KnownReferences_AreSeen()
    {
        // Guards the other tests against passing because the reading saw nothing: these references exist in method
        // bodies of async methods (compiler-made state machines) and in signatures.
        var edges = Dependencies.Value.Edges.Select(e => (e.From, e.To)).ToHashSet();
        Assert.Contains(("Generation", "Research"), edges);
        Assert.Contains(("Scheduling", "Tracking"), edges);
        Assert.Contains(("Tracking.Postgres", "Tracking"), edges);
    }

    [Fact]
    public void EngineAssembly_References_NoCommandLineOrConsoleLibrary()
    {
        var names = Engine.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("Spectre.Console", names);
        Assert.DoesNotContain("System.CommandLine", names);
    }

    [Fact]
    public void ArchitectureDoc_EveryLayeredFolder_IsDescribed()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "architecture.md"));
        var missing = Layers.SelectMany(l => l).Select(n => n.Replace('.', '/') + "/").Where(folder => !doc.Contains(folder, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"docs/architecture.md does not describe: {string.Join(", ", missing)}");
    }

    private static int? LayerOf(string name)
    {
        var index = Array.FindIndex(Layers, layer => layer.Contains(name));
        return index < 0 ? null : index;
    }

    /// <summary>The parent of a nested namespace in the table (<c>Tracking</c> for <c>Tracking.Sqlite</c>), else null.</summary>
    private static string? ParentOf(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && LayerOf(name[..dot]) is not null ? name[..dot] : null;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PromptOptimizer.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private sealed record Edge(string From, string To, string Evidence);

    /// <summary>Which engine namespace uses which (names relative to <c>PromptOptimizer.</c>), read from the compiled assembly.</summary>
    private sealed record Graph(IReadOnlyList<string> Namespaces, IReadOnlyList<Edge> Edges)
    {
        public static Graph Build()
        {
            var types = Engine.GetTypes().Where(t => t.Namespace is { } n && (n == Root || n.StartsWith(Root + ".", StringComparison.Ordinal))).ToList();
            var byNamespace = types.Where(t => !t.IsNested).GroupBy(t => t.Namespace!).ToDictionary(g => g.Key, g => g.Select(t => t.FullName!).ToArray());
            var engine = Types.InAssembly(Engine);
            var edges = new List<Edge>();
            foreach (var from in byNamespace.Keys)
            {
                foreach (var (to, names) in byNamespace.Where(kv => kv.Key != from))
                {
                    var users = engine.That().ResideInNamespaceMatching("^" + Regex.Escape(from) + "$")
                        .And().HaveDependencyOnAny(names).GetTypes().Select(t => Outermost(t).Name).Distinct().ToList();
                    if (users.Count > 0)
                    {
                        edges.Add(new Edge(Short(from), Short(to), string.Join(", ", users.Take(3))));
                    }
                }
            }

            return new Graph(byNamespace.Keys.Select(Short).Order(StringComparer.Ordinal).ToList(), edges);
        }

        /// <summary>Every set of namespaces that use each other (Tarjan's strongly connected components, size above one).</summary>
        public List<IReadOnlyList<string>> Cycles()
        {
            var next = Edges.ToLookup(e => e.From, e => e.To);
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var low = new Dictionary<string, int>(StringComparer.Ordinal);
            var stack = new Stack<string>();
            var components = new List<IReadOnlyList<string>>();

            void Visit(string node)
            {
                index[node] = low[node] = index.Count;
                stack.Push(node);
                foreach (var target in next[node])
                {
                    if (!index.TryGetValue(target, out var visited))
                    {
                        Visit(target);
                        low[node] = Math.Min(low[node], low[target]);
                    }
                    else if (stack.Contains(target))
                    {
                        low[node] = Math.Min(low[node], visited);
                    }
                }

                if (low[node] == index[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        component.Add(member);
                    }
                    while (member != node);

                    if (component.Count > 1)
                    {
                        components.Add(component);
                    }
                }
            }

            foreach (var node in Namespaces.Where(n => !index.ContainsKey(n)))
            {
                Visit(node);
            }

            return components;
        }

        /// <summary>The type a compiler-made one (an async state machine, a closure) belongs to, for messages.</summary>
        private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;

        private static string Short(string name) => name == Root ? "(root)" : name[(Root.Length + 1)..];
    }
}
