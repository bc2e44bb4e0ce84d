package io.netcheck.helm;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The output of {@code helm template}, split into documents, with just enough block-YAML reading for
 * assertions: nested keys, sequence items and scalars. No YAML library is on the test classpath, and the
 * input is Helm's own well-formed output (2-space block style), so indentation is all it takes.
 */
final class Manifests {

    /** One rendered document: the template it came from, its kind, name and text. */
    record Doc(String source, String kind, String name, String text) {
        Node node() {
            return new Node(text);
        }
    }

    /** A block of YAML: a mapping or a sequence, dedented. */
    record Node(String text) {
        private static final Pattern KEY = Pattern.compile("^(\\s*)(- )?([^\\s#:][^:]*?):(?:\\s+(.*)|\\s*)$");

        /** The block or inline value under {@code path} (keys at the shallowest level, first match). */
        Node at(String... path) {
            Node node = this;
            for (String key : path) {
                node = node.child(key).orElseThrow(() -> new AssertionError(
                        "no key '" + key + "' of " + Arrays.toString(path) + " in:\n" + text));
            }
            return node;
        }

        boolean has(String... path) {
            Node node = this;
            for (String key : path) {
                Optional<Node> next = node.child(key);
                if (next.isEmpty()) {
                    return false;
                }
                node = next.get();
            }
            return true;
        }

        /** The scalar at {@code path} (this node's own when empty), unquoted. */
        String scalar(String... path) {
            String raw = at(path).text.strip();
            if (raw.length() >= 2 && (raw.startsWith("\"") && raw.endsWith("\"")
                    || raw.startsWith("'") && raw.endsWith("'"))) {
                return raw.substring(1, raw.length() - 1).replace("\\\"", "\"");
            }
            return raw;
        }

        /** The items of the sequence at {@code path}; an inline {@code []} is empty. */
        List<Node> items(String... path) {
            Node seq = at(path);
            if (seq.text.strip().equals("[]")) {
                return List.of();
            }
            List<String> lines = seq.text.lines().toList();
            List<Node> items = new ArrayList<>();
            StringBuilder current = null;
            for (String line : lines) {
                if (line.startsWith("- ") || line.equals("-")) {
                    if (current != null) {
                        items.add(new Node(dedent(current.toString())));
                    }
                    current = new StringBuilder("  ").append(line.substring(1)).append('\n');
                } else if (current != null) {
                    current.append(line).append('\n');
                } else if (!line.isBlank() && !line.stripLeading().startsWith("#")) {
                    throw new AssertionError("not a sequence:\n" + seq.text);
                }
            }
            if (current != null) {
                items.add(new Node(dedent(current.toString())));
            }
            return items;
        }

        /** The scalar items of the sequence at {@code path}. */
        List<String> strings(String... path) {
            return items(path).stream().map(Node::scalar).toList();
        }

        /** The item of the sequence at {@code path} whose {@code key} is {@code value}. */
        Node item(String key, String value, String... path) {
            return items(path).stream().filter(i -> i.has(key) && i.scalar(key).equals(value)).findFirst()
                    .orElseThrow(() -> new AssertionError("no item with " + key + "=" + value + " under "
                            + Arrays.toString(path) + " in:\n" + text));
        }

        Properties properties(String... path) {
            Properties p = new Properties();
            try {
                p.load(new StringReader(at(path).text));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return p;
        }

        private Optional<Node> child(String key) {
            List<String> lines = text.lines().toList();
            int best = -1;
            int bestIndent = Integer.MAX_VALUE;
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = KEY.matcher(lines.get(i));
                if (m.matches() && m.group(3).equals(key)) {
                    int indent = m.group(1).length() + (m.group(2) != null ? 2 : 0);
                    if (indent < bestIndent) {
                        best = i;
                        bestIndent = indent;
                    }
                }
            }
            if (best < 0) {
                return Optional.empty();
            }
            Matcher m = KEY.matcher(lines.get(best));
            m.matches();
            String inline = m.group(4) == null ? "" : m.group(4).strip();
            boolean blockScalar = inline.startsWith("|") || inline.startsWith(">");
            if (!inline.isEmpty() && !blockScalar) {
                return Optional.of(new Node(inline));
            }
            StringBuilder block = new StringBuilder();
            for (int i = best + 1; i < lines.size(); i++) {
                String line = lines.get(i);
                int indent = indentOf(line);
                boolean child = line.isBlank() || indent > bestIndent
                        || !blockScalar && indent == bestIndent && line.substring(indent).startsWith("- ");
                if (!child) {
                    break;
                }
                block.append(line).append('\n');
            }
            return Optional.of(new Node(dedent(block.toString())));
        }
    }

    private final List<Doc> docs;

    private Manifests(List<Doc> docs) {
        this.docs = docs;
    }

    static Manifests parse(String output) {
        List<Doc> docs = new ArrayList<>();
        for (String part : output.split("(?m)^---\\s*$")) {
            if (part.isBlank()) {
                continue;
            }
            Node node = new Node(part);
            String source = part.lines().filter(l -> l.startsWith("# Source: ")).findFirst()
                    .map(l -> l.substring("# Source: ".length()).strip()).orElse("?");
            String text = part.lines().filter(l -> !l.startsWith("# Source: ")).collect(Collectors.joining("\n"));
            docs.add(new Doc(source, node.scalar("kind"), node.scalar("metadata", "name"), text));
        }
        return new Manifests(docs);
    }

    List<Doc> all() {
        return docs;
    }

    List<Doc> ofKind(String kind) {
        return docs.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    boolean has(String kind) {
        return !ofKind(kind).isEmpty();
    }

    /** The single document of {@code kind}. */
    Doc one(String kind) {
        List<Doc> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size() + " in "
                    + docs.stream().map(Doc::kind).toList());
        }
        return found.get(0);
    }

    /** The Deployment's pod spec. */
    Node podSpec() {
        return one("Deployment").node().at("spec", "template", "spec");
    }

    /** The netcheck container. */
    Node container() {
        return podSpec().item("name", "netcheck", "containers");
    }

    /** application.properties from the ConfigMap. */
    Properties applicationProperties() {
        return one("ConfigMap").node().properties("data", "application.properties");
    }

    static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    static String dedent(String block) {
        int min = block.lines().filter(l -> !l.isBlank()).mapToInt(Manifests::indentOf).min().orElse(0);
        return block.lines().map(l -> l.isBlank() ? "" : l.substring(min)).collect(Collectors.joining("\n"));
    }
}
