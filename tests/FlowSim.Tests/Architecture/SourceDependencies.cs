using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowSim.Tests.Architecture;

/// <summary>Where a source file names another FlowSim namespace: the namespace, the line and the text that names it.</summary>
internal sealed record SourceReference(string Namespace, int Line, string Text);

/// <summary>A source file: its path, the namespace it declares and the FlowSim namespaces it names.</summary>
internal sealed record SourceFile(string Path, string Namespace, IReadOnlyList<SourceReference> References);

/// <summary>
/// Reads which FlowSim namespaces each file names: its <c>using</c> directives (static and alias
/// ones too), fully qualified names (<c>FlowSim.X.Type</c>, <c>global::FlowSim.X</c>), names
/// qualified from an enclosing namespace (<c>Scenarios.Units</c> inside <c>FlowSim.Experiments</c>)
/// and the same in XML doc <c>cref</c>s, which the compiler resolves too. Comments and strings do
/// not count. A file without a namespace (top-level statements) belongs to its project's.
/// </summary>
internal static class SourceDependencies
{
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview, DocumentationMode.Parse);

    /// <summary>Every .cs file under <paramref name="srcDir"/> (one folder per project; bin and obj left out), paths relative to <paramref name="root"/>.</summary>
    public static IReadOnlyList<SourceFile> ReadTree(string root, string srcDir)
    {
        var files = Directory.EnumerateDirectories(srcDir)
            .SelectMany(project => Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
                .Where(f => !IsBuildOutput(Path.GetRelativePath(project, f)))
                .Select(f => (Path: Path.GetRelativePath(root, f).Replace('\\', '/'), Text: File.ReadAllText(f), Project: Path.GetFileName(project))))
            .OrderBy(f => f.Path, StringComparer.Ordinal);
        return Read(files);
    }

    /// <summary>Reads files given as text, each with the namespace of the project it belongs to.</summary>
    public static IReadOnlyList<SourceFile> Read(IEnumerable<(string Path, string Text, string Project)> files)
    {
        var parsed = files.Select(f => (f.Path, f.Project, Tree: CSharpSyntaxTree.ParseText(f.Text, Options, f.Path))).ToList();

        // First every declared namespace and its top-level types, so a partly qualified name can be resolved.
        var typesByNamespace = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (_, project, tree) in parsed)
        {
            var rootNode = tree.GetRoot();
            foreach (var type in rootNode.DescendantNodes().OfType<MemberDeclarationSyntax>()
                         .Where(m => m is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax && m.Parent is BaseNamespaceDeclarationSyntax or CompilationUnitSyntax))
            {
                var ns = type.Parent is BaseNamespaceDeclarationSyntax n ? n.Name.ToString() : project;
                var name = type is BaseTypeDeclarationSyntax t ? t.Identifier.ValueText : ((DelegateDeclarationSyntax)type).Identifier.ValueText;
                Declare(typesByNamespace, ns).Add(name);
            }

            foreach (var n in rootNode.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>())
            {
                Declare(typesByNamespace, n.Name.ToString());
            }
        }

        return [.. parsed.Select(f => ReadFile(f.Path, f.Project, f.Tree, typesByNamespace))];
    }

    private static SourceFile ReadFile(string path, string project, SyntaxTree tree, Dictionary<string, HashSet<string>> typesByNamespace)
    {
        var root = tree.GetRoot();
        var declared = root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault();
        var fileNamespace = declared?.Name.ToString() ?? project;
        var references = new List<SourceReference>();

        foreach (var u in root.DescendantNodes().OfType<UsingDirectiveSyntax>())
        {
            var segments = u.NamespaceOrType.ToString().Replace("global::", "", StringComparison.Ordinal).Split('.');
            if (segments is ["FlowSim", var layer, ..])
            {
                references.Add(new SourceReference($"FlowSim.{layer}", LineOf(u), u.ToString().Trim()));
            }
        }

        foreach (var id in root.DescendantNodes(descendIntoTrivia: true).OfType<IdentifierNameSyntax>())
        {
            if (id.Ancestors().Any(a => a is UsingDirectiveSyntax) || (declared is not null && declared.Name.Span.Contains(id.Span)))
            {
                continue;
            }

            var chain = Chain(id);
            if (chain is null)
            {
                continue;
            }

            var (segments, node) = chain.Value;
            if (Resolve(segments, fileNamespace, typesByNamespace) is { } target)
            {
                references.Add(new SourceReference(target, LineOf(node), node.ToString()));
            }
        }

        return new SourceFile(path, fileNamespace, references);
    }

    /// <summary>
    /// The dotted name that starts at <paramref name="id"/> (<c>FlowSim.Engine.Model.Compile</c>),
    /// with its outermost node; null unless <paramref name="id"/> is its leftmost part.
    /// </summary>
    private static (List<string> Segments, SyntaxNode Node)? Chain(IdentifierNameSyntax id)
    {
        SyntaxNode current = id;
        if (id.Parent is AliasQualifiedNameSyntax alias && alias.Name == id && alias.Alias.Identifier.IsKind(SyntaxKind.GlobalKeyword))
        {
            current = alias;
        }
        else if (id.Parent is AliasQualifiedNameSyntax)
        {
            return null;
        }

        var segments = new List<string> { id.Identifier.ValueText };
        while (true)
        {
            switch (current.Parent)
            {
                case QualifiedNameSyntax q when q.Left == current:
                    segments.Add(q.Right.Identifier.ValueText);
                    current = q;
                    continue;
                case MemberAccessExpressionSyntax m when m.Expression == current:
                    segments.Add(m.Name.Identifier.ValueText);
                    current = m;
                    continue;
                case QualifiedCrefSyntax c when c.Container == current:
                    if (c.Member is NameMemberCrefSyntax { Name: SimpleNameSyntax member })
                    {
                        segments.Add(member.Identifier.ValueText);
                    }

                    current = c;
                    break;
            }

            break;
        }

        return segments.Count > 1 ? (segments, current) : null;
    }

    /// <summary>
    /// The FlowSim namespace a dotted name reaches, as the compiler looks it up: a leading
    /// <c>FlowSim</c>, or a namespace nested in one that encloses the file followed by a type or
    /// namespace declared in it. Null for anything else (a variable, a property, another library).
    /// </summary>
    private static string? Resolve(List<string> segments, string fileNamespace, Dictionary<string, HashSet<string>> typesByNamespace)
    {
        if (segments[0] == "FlowSim")
        {
            return $"FlowSim.{segments[1]}";
        }

        for (var enclosing = fileNamespace; enclosing.Length > 0; enclosing = Parent(enclosing))
        {
            var candidate = $"{enclosing}.{segments[0]}";
            if (typesByNamespace.TryGetValue(candidate, out var types)
                && (types.Contains(segments[1]) || typesByNamespace.ContainsKey($"{candidate}.{segments[1]}")))
            {
                return candidate.StartsWith("FlowSim.", StringComparison.Ordinal) ? candidate : null;
            }
        }

        return null;
    }

    private static string Parent(string ns) => ns.LastIndexOf('.') is var i and >= 0 ? ns[..i] : "";

    private static HashSet<string> Declare(Dictionary<string, HashSet<string>> typesByNamespace, string ns)
    {
        // A namespace declares its parents too (FlowSim.Reports.Html makes FlowSim.Reports a namespace).
        for (var n = Parent(ns); n.Length > 0; n = Parent(n))
        {
            typesByNamespace.TryAdd(n, new HashSet<string>(StringComparer.Ordinal));
        }

        if (!typesByNamespace.TryGetValue(ns, out var types))
        {
            types = new HashSet<string>(StringComparer.Ordinal);
            typesByNamespace[ns] = types;
        }

        return types;
    }

    private static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private static bool IsBuildOutput(string pathInProject)
    {
        var first = pathInProject.Replace('\\', '/').Split('/')[0];
        return first is "bin" or "obj";
    }
}
