package org.bankcrm.service.target;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bankcrm.domain.referral.ReferralChannel;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.IsoDates;
import org.bankcrm.service.imports.CsvReader;

/**
 * An upload of served counts: a header {@code day,channel,served}, then one line per channel and day, read by
 * the feeds' RFC 4180 {@link CsvReader} (UTF-8, optional byte-order mark, quoted fields). Every line is checked;
 * a file with any problem is refused whole, naming at most the first 20 problems by line.
 */
final class ServedCountUpload {

    /** The most lines an upload may have. */
    static final int MAX_LINES = 2_000;

    /** The most problems one refusal lists. */
    private static final int MAX_PROBLEMS = 20;

    private static final List<String> HEADER = List.of("day", "channel", "served");

    /** One checked line. */
    record Line(ReferralChannel channel, LocalDate day, int served) {
    }

    private ServedCountUpload() {
    }

    /** The lines of {@code csv}, in file order, each channel and day once; or the problems found. */
    static List<Line> read(InputStream csv) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Line> lines = new LinkedHashMap<>();
        try (CsvReader in = new CsvReader(csv)) {
            CsvReader.Record header = in.next();
            if (header == null || header.malformed() || !HEADER.equals(header.fields().stream()
                    .map(f -> f.strip().toLowerCase(Locale.ROOT).replace(" ", "")).toList())) {
                throw new InvalidInputException("file", "served.upload.header");
            }
            CsvReader.Record r;
            while ((r = in.next()) != null) {
                if (r.fields().size() == 1 && r.fields().getFirst().isBlank()) {
                    continue;
                }
                if (r.line() > MAX_LINES + 1) {
                    throw new InvalidInputException("file", "served.upload.tooLong", MAX_LINES);
                }
                Line line = line(r, errors);
                if (line != null && lines.put(line.channel() + "/" + line.day(), line) != null) {
                    errors.add(new FieldError("file", "served.upload.repeated", (int) r.line()));
                }
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("file", "served.upload.encoding");
        } catch (IOException e) {
            throw new InvalidInputException("file", "served.upload.unreadable");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.size() > MAX_PROBLEMS ? errors.subList(0, MAX_PROBLEMS) : errors);
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException("file", "served.upload.empty");
        }
        return List.copyOf(lines.values());
    }

    private static Line line(CsvReader.Record r, List<FieldError> errors) {
        int n = (int) r.line();
        List<String> f = r.fields();
        if (r.malformed() || f.size() != 3) {
            errors.add(new FieldError("file", "served.upload.columns", n));
            return null;
        }
        LocalDate day = null;
        try {
            day = IsoDates.parse(f.get(0).strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("file", "served.upload.day", n, f.get(0).strip()));
        }
        List<FieldError> mine = new ArrayList<>();
        ReferralChannel ch = ServedCountService.channel(f.get(1), "file", mine);
        if (!mine.isEmpty()) {
            errors.add(new FieldError("file", "served.upload.channel", n, f.get(1).strip()));
        }
        Integer served;
        try {
            served = Integer.valueOf(f.get(2).strip());
        } catch (NumberFormatException e) {
            served = null;
        }
        if (served == null || served < 0 || served > ServedCountService.MAX_SERVED) {
            errors.add(new FieldError("file", "served.upload.served", n, f.get(2).strip()));
        }
        return day != null && ch != null && served != null && served >= 0 ? new Line(ch, day, served) : null;
    }
}
