package io.netcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlackTextTest {
    @Test
    void splitsOnWhitespaceAndKeepsQuotedWordsTogether() {
        assertEquals(List.of("vip", "10.0.0.5:443", "--path", "/a b"), SlackText.words("vip  10.0.0.5:443 --path \"/a b\""));
        assertEquals(List.of("vip", "x:1"), SlackText.words("\u00a0vip\tx:1 "));
    }

    @Test
    void undoesSlackLinkMarkupAndEscaping() {
        assertEquals(List.of("vip", "vip.example.com:443"), SlackText.words("vip <http://vip.example.com:443|vip.example.com:443>"));
        assertEquals(List.of("vip", "vip.example.com:443"), SlackText.words("vip <http://vip.example.com:443>"));
        assertEquals(List.of("a&b", "<x>"), SlackText.words("a&amp;b &lt;x&gt;"));
    }

    @Test
    void channelMentionsKeepTheirIdForTo() {
        assertEquals(List.of("tcp", "db:5432", "--to", "<#C0INC4711>"), SlackText.words("tcp db:5432 --to <#C0INC4711|inc-4711>"));
        assertEquals("C0INC4711", IncidentTarget.split(SlackText.words("tcp db:1 --to <#C0INC4711|inc>")).channel());
        assertEquals(List.of("tcp", "db:1"), IncidentTarget.split(SlackText.words("tcp db:1 --to=C0INC4711")).words());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> IncidentTarget.split(List.of("tcp", "db:1", "--to", "#inc-4711")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> IncidentTarget.split(List.of("tcp", "db:1", "--to")));
    }

    @Test
    void smartQuotesFromMobileKeyboardsWork() {
        assertEquals(List.of("--path", "/x y"), SlackText.words("--path \u201c/x y\u201d"));
    }
}
