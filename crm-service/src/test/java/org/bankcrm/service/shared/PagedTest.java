package org.bankcrm.service.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.PageRequest;

class PagedTest {

    @Test
    void aListReadWholeIsSlicedAsAsked() {
        List<String> five = List.of("a", "b", "c", "d", "e");
        assertThat(Paged.slice(five, PageRequest.of(0, 2))).isEqualTo(new Paged<>(List.of("a", "b"), 0, 2, 5));
        assertThat(Paged.slice(five, PageRequest.of(2, 2))).isEqualTo(new Paged<>(List.of("e"), 2, 2, 5));
        assertThat(Paged.slice(five, PageRequest.of(3, 2))).isEqualTo(new Paged<>(List.of(), 3, 2, 5));
        assertThat(Paged.slice(five, PageRequest.of(0, 50)).totalPages()).isEqualTo(1);
        Paged<String> none = Paged.slice(List.of(), PageRequest.of(0, 50));
        assertThat(none.total()).isZero();
        assertThat(none.totalPages()).isZero();
        // An offset past an int's range (refused earlier by PageRequestParams) still gives an empty page.
        assertThat(Paged.slice(five, PageRequest.of(Integer.MAX_VALUE, 500)).items()).isEmpty();
    }

    @Test
    void mappingKeepsThePage() {
        Paged<Integer> p = new Paged<>(List.of(1, 2), 3, 2, 9).map(i -> i * 10);
        assertThat(p).isEqualTo(new Paged<>(List.of(10, 20), 3, 2, 9));
    }
}
