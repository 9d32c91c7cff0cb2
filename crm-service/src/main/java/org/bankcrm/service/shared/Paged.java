package org.bankcrm.service.shared;

import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

/** One page of a list: the shape of every list in the API ({@code items, page, size, total}) and the pages. */
public record Paged<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 500;

    public static <E, T> Paged<T> of(Page<E> page, Function<E, T> mapper) {
        return new Paged<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
                page.getTotalElements());
    }

    /**
     * Page {@code p} of a list read whole (the groups or campaigns a caller sees, a few dozen): the items of that page,
     * {@code size} as asked, {@code total} the list's length; a page beyond the end is empty.
     */
    public static <T> Paged<T> slice(List<T> all, Pageable p) {
        int from = (int) Math.min(p.getOffset(), all.size());
        int to = Math.min(from + p.getPageSize(), all.size());
        return new Paged<>(List.copyOf(all.subList(from, to)), p.getPageNumber(), p.getPageSize(), all.size());
    }

    /** The same page with each item mapped. */
    public <R> Paged<R> map(Function<T, R> mapper) {
        return new Paged<>(items.stream().map(mapper).toList(), page, size, total);
    }

    public int totalPages() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return page + 1 < totalPages();
    }
}
