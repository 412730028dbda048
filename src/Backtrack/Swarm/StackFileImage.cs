using Backtrack.Compose;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Backtrack.Swarm;

/// <summary>Rewrites one service's image line of a stack file in place: only the value changes; comments, order and layout stay.</summary>
public static class StackFileImage
{
    public static async Task SetAsync(string path, string service, string image, CancellationToken ct)
    {
        var text = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var node = ImageNode(stream, service)
            ?? throw new BacktrackException($"{path} has no image line for service '{service}' any more; edit it by hand and run 'backtrack status'");
        var quote = node.Style switch
        {
            ScalarStyle.DoubleQuoted => "\"",
            ScalarStyle.SingleQuoted => "'",
            _ => "",
        };
        var updated = string.Concat(text.AsSpan(0, (int)node.Start.Index), quote + image + quote, text.AsSpan((int)node.End.Index));
        await ProjectFileWriter.WriteAsync(path, updated, ct).ConfigureAwait(false);
    }

    private static YamlScalarNode? ImageNode(YamlStream stream, string service) =>
        stream.Documents is [{ RootNode: YamlMappingNode root }, ..]
        && root.Children.TryGetValue(new YamlScalarNode("services"), out var services) && services is YamlMappingNode map
        && map.Children.TryGetValue(new YamlScalarNode(service), out var definition) && definition is YamlMappingNode fields
        && fields.Children.TryGetValue(new YamlScalarNode("image"), out var image)
            ? image as YamlScalarNode
            : null;
}
