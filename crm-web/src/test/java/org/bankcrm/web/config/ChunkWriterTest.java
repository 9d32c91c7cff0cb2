package org.bankcrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Random;
import org.bankcrm.web.testsupport.CountingWriter;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The chunk buffer of {@link ChunkedThymeleafView}: every character handed on once, in order, in few writes. */
class ChunkWriterTest {

    @RepeatedTest(20)
    void piecesOfAnySizeArriveWholeAndInOrder() {
        Random random = new Random();
        StringWriter arrived = new StringWriter();
        CountingWriter target = new CountingWriter(arrived);
        ChunkedThymeleafView.ChunkWriter chunks = new ChunkedThymeleafView.ChunkWriter(new PrintWriter(target));
        StringWriter expected = new StringWriter();
        int big = 0;
        for (int i = 0; i < 400; i++) {
            int len = random.nextInt(10) == 0 ? random.nextInt(3 * ChunkedThymeleafView.CHUNK) : random.nextInt(60);
            big += len >= ChunkedThymeleafView.CHUNK ? 1 : 0;
            String piece = random.ints(len, 'a', 'z' + 1).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                    StringBuilder::append).toString();
            int off = len == 0 ? 0 : random.nextInt(len);
            switch (random.nextInt(3)) {
                case 0 -> chunks.write(piece, off, len - off);
                case 1 -> chunks.write(piece.toCharArray(), off, len - off);
                default -> {
                    if (len > 0) {
                        chunks.write(piece.charAt(0));
                        off = 0;
                        len = 1;
                    }
                }
            }
            expected.write(piece, off, len - off);
        }
        chunks.flush();
        assertThat(arrived.toString()).isEqualTo(expected.toString());
        // A chunk goes on when the next small piece (under 60 characters) does not fit, or before a piece of a chunk
        // or more, which goes on by itself.
        assertThat(target.writes()).isLessThanOrEqualTo(2 * big + expected.toString().length()
                / (ChunkedThymeleafView.CHUNK - 60) + 1);
    }

    @Test
    void whatIsDiscardedNeverArrivesAndNothingArrivesBeforeAChunkIsFull() throws IOException {
        StringWriter arrived = new StringWriter();
        CountingWriter target = new CountingWriter(arrived);
        ChunkedThymeleafView.ChunkWriter chunks = new ChunkedThymeleafView.ChunkWriter(new PrintWriter(target));
        chunks.write("first half");
        assertThat(arrived.toString()).isEmpty();
        chunks.discard();
        chunks.write("x".repeat(ChunkedThymeleafView.CHUNK));
        assertThat(arrived.toString()).isEqualTo("x".repeat(ChunkedThymeleafView.CHUNK));
        chunks.write("y");
        chunks.flush();
        assertThat(arrived.toString()).endsWith("xy").doesNotContain("first");
        assertThat(target.writes()).isEqualTo(2);
    }

    @Test
    void printingAppendingAndFormattingGoIntoTheChunkInOrder() {
        StringWriter arrived = new StringWriter();
        CountingWriter target = new CountingWriter(arrived);
        ChunkedThymeleafView.ChunkWriter chunks = new ChunkedThymeleafView.ChunkWriter(new PrintWriter(target));
        chunks.print("a");
        chunks.println();
        chunks.append('b').append("cd").append("xefx", 1, 3);
        chunks.printf("%d;", 42);
        chunks.println(7);
        chunks.write(new char[] {'g'});
        assertThat(arrived.toString()).isEmpty();
        assertThat(chunks.checkError()).isFalse();
        String nl = System.lineSeparator();
        assertThat(arrived.toString()).isEqualTo("a" + nl + "bcdef42;7" + nl + "g");
        assertThat(target.writes()).isEqualTo(1);
    }
}
