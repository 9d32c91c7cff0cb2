package org.bankcrm.service.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bankcrm.domain.shared.ConflictException;
import org.junit.jupiter.api.Test;

class BasedOnTest {

    @Test
    void anIfMatchNamesEveryTagStrongOrWeak() {
        assertThat(BasedOn.ifMatch("\"a1\"").versions()).containsExactly("a1");
        assertThat(BasedOn.ifMatch("W/\"a1\"").versions()).containsExactly("a1");
        assertThat(BasedOn.ifMatch(" \"a1\", W/\"b2\" ,\"c3\"").versions()).containsExactly("a1", "b2", "c3");
        assertThat(BasedOn.ifMatch("a1, W/b2").versions()).containsExactly("a1", "b2");
        assertThat(BasedOn.ifMatch("\"a1\", b2").versions()).containsExactly("a1", "b2");
        assertThat(BasedOn.ifMatch("*")).isEqualTo(BasedOn.ANY);
        assertThat(BasedOn.ifMatch(null)).isEqualTo(BasedOn.ANY);
        assertThat(BasedOn.ifMatch("  ")).isEqualTo(BasedOn.ANY);
    }

    @Test
    void aChangeIsRefusedOnlyWhenItNamesVersionsAndNoneIsCurrent() {
        BasedOn.ifMatch("\"old\", \"new\"").check("new", "x.stale");
        BasedOn.ANY.check("anything", "x.stale");
        BasedOn.field(" new ").check("new", "x.stale");
        assertThat(BasedOn.field("")).isEqualTo(BasedOn.ANY);
        assertThatThrownBy(() -> BasedOn.ifMatch("\"old\"").check("new", "x.stale"))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).messageKey()).isEqualTo("x.stale"));
        assertThatThrownBy(() -> BasedOn.field("old").check("new", "x.stale")).isInstanceOf(ConflictException.class);
        // a header that is there but names no tag matches nothing; a quoted star is a tag like any other
        assertThatThrownBy(() -> BasedOn.ifMatch(" , ").check("new", "x.stale")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> BasedOn.ifMatch("\"*\"").check("new", "x.stale"))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aDigestIsSixteenHexDigitsAndTheSameForTheSameText() {
        assertThat(BasedOn.digest("LOAN>=1.00")).matches("[0-9a-f]{16}").isEqualTo(BasedOn.digest("LOAN>=1.00"));
        assertThat(BasedOn.digest("LOAN>=1.00")).isNotEqualTo(BasedOn.digest("LOAN>=2.00"));
    }
}
