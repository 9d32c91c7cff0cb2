package org.bankcrm.web.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.shared.CsvCells;
import org.bankcrm.service.dashboard.DashboardListQueries.ActionLine;
import org.bankcrm.service.dashboard.DashboardListQueries.OpportunityLine;
import org.bankcrm.web.shared.Formats;
import org.bankcrm.web.shared.People;
import org.springframework.context.MessageSource;

/**
 * Writes tables to .xlsx (streaming, so a long list never sits in memory as cells) or to CSV (UTF-8 with a
 * byte-order mark, so Excel opens Chinese text correctly). Numbers stay numbers, shown by Excel number formats that
 * match the pages' rules ({@link Formats#EXCEL_MONEY}: ¥1,234.50 and ¥0; {@link Formats#EXCEL_PERCENT}: 35.5%);
 * dates and times are text written by {@link Formats} (2026-12-03, 2026-12-03 09:15), as the pages write them.
 * Personal data is masked: retail customers' names, also inside titles and next actions; phone and ID-like
 * numbers inside a next action's free text ({@link Masking#inText}). Other features' exports (customer groups) write
 * through it too, so that every export masks alike.
 */
public final class DashboardExport implements AutoCloseable {

    private final String format;
    private final OutputStream out;
    private final MessageSource messages;
    private final Locale locale;
    private final People people;
    private final Formats fmt;
    private SXSSFWorkbook workbook;
    private CellStyle money;
    private CellStyle rate;
    private CellStyle multiple;
    private CellStyle bold;
    private Sheet sheet;
    private int rowNo;
    private Writer csv;
    private long rows;

    public DashboardExport(String format, OutputStream out, MessageSource messages, Locale locale, People people) {
        this.people = people;
        this.format = format;
        this.out = out;
        this.messages = messages;
        this.locale = locale;
        this.fmt = Formats.of(messages);
        if (format.equals("xlsx")) {
            workbook = new SXSSFWorkbook(200);
            money = workbook.createCellStyle();
            money.setDataFormat(workbook.createDataFormat().getFormat(Formats.EXCEL_MONEY));
            rate = workbook.createCellStyle();
            rate.setDataFormat(workbook.createDataFormat().getFormat(Formats.EXCEL_PERCENT));
            multiple = workbook.createCellStyle();
            multiple.setDataFormat(workbook.createDataFormat().getFormat(Formats.EXCEL_MULTIPLE));
            bold = workbook.createCellStyle();
            Font f = workbook.createFont();
            f.setBold(true);
            bold.setFont(f);
        } else {
            csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try {
                csv.write('\uFEFF');
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A value that is a fraction, shown as a percentage. */
    public record Rate(BigDecimal value) {
    }

    /** A ratio read as "so many times" ({@link Formats#multiple}): 3.2 shown as 3.20×. */
    public record Multiple(BigDecimal value) {
    }

    public String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /** Starts a section: a sheet in xlsx, a titled block in CSV; the header keys are translated. */
    public void section(String title, String... headerKeys) throws IOException {
        List<Object> header = new ArrayList<>();
        for (String k : headerKeys) {
            header.add(msg(k));
        }
        if (workbook != null) {
            String name = title.replaceAll("[\\\\/?*\\[\\]:]", " ");
            sheet = workbook.createSheet(name.length() > 31 ? name.substring(0, 31) : name);
            rowNo = 0;
            Row r = sheet.createRow(rowNo++);
            for (int i = 0; i < header.size(); i++) {
                Cell c = r.createCell(i);
                c.setCellValue(header.get(i).toString());
                c.setCellStyle(bold);
            }
            if (header.size() > 0) {
                sheet.createFreezePane(0, 1);
            }
        } else {
            if (rows > 0 || rowNo > 0) {
                csv.write("\r\n");
            }
            csv.write(cell(title) + "\r\n");
            line(header);
            rowNo++;
        }
    }

    /** One data row. */
    public void row(Object... values) throws IOException {
        rows++;
        if (workbook != null) {
            Row r = sheet.createRow(rowNo++);
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v == null) {
                    continue;
                }
                Cell c = r.createCell(i);
                if (v instanceof Rate rt) {
                    if (rt.value() != null) {
                        c.setCellValue(rt.value().doubleValue());
                        c.setCellStyle(rate);
                    }
                } else if (v instanceof Multiple m) {
                    if (m.value() != null) {
                        c.setCellValue(m.value().doubleValue());
                        c.setCellStyle(multiple);
                    }
                } else if (v instanceof BigDecimal b) {
                    c.setCellValue(b.doubleValue());
                    c.setCellStyle(money);
                } else if (v instanceof Number n) {
                    c.setCellValue(n.doubleValue());
                } else {
                    c.setCellValue(v.toString());
                }
            }
        } else {
            List<Object> l = new ArrayList<>();
            for (Object v : values) {
                l.add(v instanceof Rate rt ? rt.value() : v instanceof Multiple m ? m.value() : v);
            }
            line(l);
        }
    }

    private void line(List<Object> values) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Object v = values.get(i);
            b.append(v == null ? "" : cell(v instanceof BigDecimal d ? d.toPlainString() : v.toString()));
        }
        csv.write(b.append("\r\n").toString());
    }

    private static String cell(String s) {
        return CsvCells.cell(s);
    }

    public long rows() {
        return rows;
    }

    /** Free text someone typed: numbers that look like a phone or an ID masked, and a person's name. */
    static String maskedText(String text, String name, String type) {
        return Masking.customerNameIn(Masking.inText(text), name, type);
    }

    /** A person by display name, as the pages show them (D35). */
    public String person(String login) {
        return people.name(login);
    }

    /** A product by its name in the reader's language, as the pages show it (not its code). */
    public String product(String code) {
        return code == null ? null : msg("product." + code);
    }

    void opportunityHeader(String title) throws IOException {
        section(title, "export.id", "opportunity.title", "export.customerNo", "opportunity.customer",
                "export.product", "dashboard.category", "opportunity.stage", "opportunity.amount",
                "opportunity.wonAmount", "opportunity.source", "opportunity.owner", "export.branch",
                "dashboard.createdAt", "dashboard.closedAt", "export.expectedCloseDate");
    }

    void opportunity(OpportunityLine o) {
        try {
            row(o.id(), Masking.customerNameIn(o.title(), o.customerName(), o.customerType()), o.customerNo(),
                    Masking.customerName(o.customerName(), o.customerType()), product(o.productCode()),
                    msg("category." + o.category()), msg("stage." + o.stage()), o.amount(), o.wonAmount(),
                    msg("source." + o.source()), person(o.owner()), o.branchCode(), dateTime(o.createdAt()),
                    dateTime(o.closedAt()), date(o.expectedCloseDate()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void actionHeader(String title) throws IOException {
        section(title, "export.id", "dashboard.nextAction", "dashboard.due", "export.customerNo",
                "opportunity.customer", "export.opportunityId", "opportunity.title", "opportunity.owner");
    }

    void action(ActionLine a) {
        try {
            row(a.followUpId(), maskedText(a.nextAction(), a.customerName(), a.customerType()), date(a.due()),
                    a.customerNo(),
                    Masking.customerName(a.customerName(), a.customerType()), a.opportunityId(),
                    Masking.customerNameIn(a.title(), a.customerName(), a.customerType()), person(a.owner()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A date as the pages write it (2026-12-03), or an empty cell. */
    public String date(LocalDate d) {
        return d == null ? null : fmt.date(d);
    }

    /** A time as the pages write it (2026-12-03 09:15, the bank's zone), or an empty cell. */
    public String dateTime(java.time.Instant i) {
        return i == null ? null : fmt.dateTime(i);
    }

    @Override
    public void close() throws IOException {
        if (workbook != null) {
            workbook.write(out);
            workbook.close();
        } else {
            csv.flush();
        }
    }

    Workbook workbook() {
        return workbook;
    }
}
