package org.bankcrm.service.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<CsvReader.Record> read(byte[] bytes) throws IOException {
        List<CsvReader.Record> out = new ArrayList<>();
        try (CsvReader r = new CsvReader(new ByteArrayInputStream(bytes))) {
            CsvReader.Record rec;
            while ((rec = r.next()) != null) {
                out.add(rec);
            }
        }
        return out;
    }

    private static List<CsvReader.Record> read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsQuotedFieldsDoubledQuotesAndLineBreaksInsideQuotes() throws IOException {
        var recs = read("a,b,c\r\n1,\"x, \"\"y\"\"\",\"two\nlines\"\r\n\r\n2,,\n");
        assertThat(recs).hasSize(3);
        assertThat(recs.get(1).fields()).containsExactly("1", "x, \"y\"", "two\nlines");
        assertThat(recs.get(1).line()).isEqualTo(2);
        assertThat(recs.get(1).raw()).isEqualTo("1,\"x, \"\"y\"\"\",\"two\nlines\"");
        assertThat(recs.get(2).line()).isEqualTo(5);   // after the quoted line break and the blank line
        assertThat(recs.get(2).fields()).containsExactly("2", "", "");
    }

    @Test
    void skipsTheByteOrderMarkAndReadsALastLineWithoutLineEnd() throws IOException {
        var recs = read("\uFEFFcustomer_no,aum\nC1,5");
        assertThat(recs.getFirst().fields()).containsExactly("customer_no", "aum");
        assertThat(recs.get(1).fields()).containsExactly("C1", "5");
    }

    @Test
    void brokenQuotingMarksTheRecordAndReadingGoesOn() throws IOException {
        var recs = read("h\n\"a\"b,c\nok\n");
        assertThat(recs.get(1).malformed()).isTrue();
        assertThat(recs.get(2).fields()).containsExactly("ok");
        assertThat(read("h\n\"never closed\nmore\n").get(1).malformed()).isTrue();
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        assertThatThrownBy(() -> read(new byte[] {'a', ',', (byte) 0xC3, (byte) 0x28, '\n'}))
                .isInstanceOf(CharacterCodingException.class);
    }

    @Test
    void aNulCharacterIsReadAndCanBeReplacedForStoring() throws IOException {
        var rec = read("h,i\na\0b,\"c\0\"\n").get(1);
        assertThat(rec.hasNul()).isTrue();
        assertThat(rec.fields()).containsExactly("a\0b", "c\0");
        var stored = rec.withoutNul();
        assertThat(stored.hasNul()).isFalse();
        assertThat(stored.fields()).containsExactly("a\uFFFDb", "c\uFFFD");
        assertThat(stored.raw()).isEqualTo("a\uFFFDb,\"c\uFFFD\"");
        assertThat(stored.line()).isEqualTo(2);
        var clean = read("h\nok\n").get(1);
        assertThat(clean.withoutNul()).isSameAs(clean);
    }
}
