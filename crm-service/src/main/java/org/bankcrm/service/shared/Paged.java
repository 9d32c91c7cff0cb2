package org.bankcrm.service.shared;

import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/** One page of a list: the shape of every list in the API ({@code items, page, size, total}) and the pages. */
public record Paged<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 500;

    public static <E, T> Paged<T> of(Page<E> page, Function<E, T> mapper) {
        return new Paged<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
                page.getTotalElements());
    }

    /**
     * A list answered whole, as one page: {@code size} is its length, at least 1, so that a client's
     * {@code total ÷ size} is a page count (1) even when the list is empty.
     */
    public static <T> Paged<T> whole(List<T> all) {
        return new Paged<>(all, 0, Math.max(all.size(), 1), all.size());
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
