package io.netcheck.slack;

import java.util.ArrayList;
import java.util.List;

/** Turns a slash command's text into words for the shared command parser. */
final class SlackText {
    private SlackText() {
    }

    /**
     * Splits on whitespace, honours "double" and 'single' quotes, undoes Slack's HTML escaping and its
     * link markup ({@code <http://vip.example:443|vip.example:443>} becomes {@code vip.example:443}).
     */
    static List<String> words(String text) {
        String plain = unlink(text == null ? "" : text).replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&").replace('\u00a0', ' ');
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'' || c == '\u201c' || c == '\u201d') {
                quote = c == '\u201c' ? '\u201d' : c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static String unlink(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('<', i);
            int close = open < 0 ? -1 : text.indexOf('>', open);
            if (open < 0 || close < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, open);
            String inner = text.substring(open + 1, close);
            int bar = inner.indexOf('|');
            if (inner.startsWith("#C") || inner.startsWith("#G")) {
                // A channel mention (<#C0123|inc-4711>): keep the id, which is what --to needs.
                out.append("<").append(bar >= 0 ? inner.substring(0, bar) : inner).append(">");
            } else if (bar >= 0) {
                out.append(inner.substring(bar + 1));
            } else if (inner.startsWith("http://") || inner.startsWith("https://")) {
                out.append(inner.substring(inner.indexOf("//") + 2));
            } else {
                out.append('<').append(inner).append('>');
            }
            i = close + 1;
        }
        return out.toString();
    }
}
