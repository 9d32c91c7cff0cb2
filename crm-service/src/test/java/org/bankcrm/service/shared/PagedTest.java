package org.bankcrm.service.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PagedTest {

    @Test
    void aWholeListIsOnePageEvenWhenEmpty() {
        Paged<String> none = Paged.whole(List.of());
        assertThat(none.size()).isEqualTo(1);
        assertThat(none.total()).isZero();
        assertThat(none.totalPages()).isZero();
        Paged<String> three = Paged.whole(List.of("a", "b", "c"));
        assertThat(three.size()).isEqualTo(3);
        assertThat(three.totalPages()).isEqualTo(1);
        assertThat(three.hasNext()).isFalse();
    }

    @Test
    void mappingKeepsThePage() {
        Paged<Integer> p = new Paged<>(List.of(1, 2), 3, 2, 9).map(i -> i * 10);
        assertThat(p).isEqualTo(new Paged<>(List.of(10, 20), 3, 2, 9));
    }
}
