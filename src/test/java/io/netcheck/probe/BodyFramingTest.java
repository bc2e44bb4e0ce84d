package io.netcheck.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Where a body ends, fed as the network delivers it: in pieces of any size. */
class BodyFramingTest {
    private static final String OK = "HTTP/1.1 200 OK\r\n";

    private static BodyFraming feed(String head, String body, int piece, int keep) {
        BodyFraming f = BodyFraming.of(head, keep);
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < b.length && !f.ended(); i += piece) {
            f.feed(b, i, Math.min(piece, b.length - i));
        }
        return f;
    }

    @Test
    void chunkedBodyEndsAtTheLastChunkWhateverThePieces() {
        String body = "5;name=value\r\nhello\r\n1A\r\n" + "a".repeat(26) + "\r\n0\r\nTrailer: x\r\n\r\n";
        for (int piece : new int[] {1, 2, 3, 7, 1000}) {
            BodyFraming f = feed(OK + "Transfer-Encoding: chunked\r\n", body, piece, 2048);
            assertEquals(BodyFraming.Kind.CHUNKED, f.kind());
            assertTrue(f.ended(), "piece " + piece);
            assertNull(f.malformed());
            assertEquals(31, f.payload(), "payload without chunk framing, piece " + piece);
            assertEquals("hello" + "a".repeat(26), new String(f.kept(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void chunkedBodyWithoutItsLastChunkHasNotEnded() {
        BodyFraming f = feed(OK + "Transfer-Encoding: chunked\r\n", "4\r\nabcd\r\n10\r\nonly-part", 3, 2048);
        assertFalse(f.ended());
        assertEquals(13, f.payload());
    }

    @Test
    void chunkedMustBeTheLastCodingAndWinsOverContentLength() {
        assertEquals(BodyFraming.Kind.CHUNKED, BodyFraming.of(OK + "Content-Length: 3\r\nTransfer-Encoding: gzip, "
                + "chunked\r\n", 10).kind());
        assertEquals(BodyFraming.Kind.CHUNKED, BodyFraming.of(OK + "Transfer-Encoding: gzip\r\n"
                + "transfer-encoding: Chunked\r\n", 10).kind());
        assertEquals(BodyFraming.Kind.UNTIL_CLOSE, BodyFraming.of(OK + "Transfer-Encoding: chunked, gzip\r\n", 10)
                .kind());
    }

    @Test
    void malformedChunkSizeStopsTheRead() {
        BodyFraming f = feed(OK + "Transfer-Encoding: chunked\r\n", "zz\r\nabc", 100, 10);
        assertTrue(f.ended());
        assertNotNull(f.malformed());
        assertTrue(f.malformed().contains("zz"), f.malformed());
    }

    @Test
    void declaredLengthEndsTheBodyAndTheRestIsNotCounted() {
        BodyFraming f = feed(OK + "Content-Length: 10\r\n", "0123456789EXTRA", 4, 4);
        assertTrue(f.ended());
        assertEquals(10, f.payload());
        assertArrayEquals("0123".getBytes(StandardCharsets.ISO_8859_1), f.kept(), "only the first bytes are kept");
        assertEquals("10-byte body", f.describe());
    }

    @Test
    void noBodyByDefinitionAndBodiesThatRunToTheClose() {
        assertTrue(BodyFraming.of("HTTP/1.1 204 No Content\r\n", 10).ended());
        assertTrue(BodyFraming.of("HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n", 10).ended());
        assertTrue(BodyFraming.of(OK + "Content-Length: 0\r\n", 10).ended());
        BodyFraming close = feed(OK + "Server: x\r\n", "a".repeat(5000), 999, 100);
        assertEquals(BodyFraming.Kind.UNTIL_CLOSE, close.kind());
        assertFalse(close.ended(), "only the close ends it");
        assertEquals(5000, close.payload());
        assertEquals(100, close.kept().length);
    }
}
