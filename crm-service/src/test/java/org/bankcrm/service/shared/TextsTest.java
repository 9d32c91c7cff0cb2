package org.bankcrm.service.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void firstCodePointsCutsByCharacterNeverInsideAPair() {
        assertThat(Texts.firstCodePoints(null, 3)).isNull();
        assertThat(Texts.firstCodePoints("abc", 3)).isEqualTo("abc");
        assertThat(Texts.firstCodePoints("abcd", 3)).isEqualTo("abc");
        assertThat(Texts.firstCodePoints("客户经理", 2)).isEqualTo("客户");
        // 𠀀 (U+20000) is two chars in Java: three code points are four chars, kept whole
        String withPair = "a\uD840\uDC00b";
        assertThat(Texts.firstCodePoints(withPair, 3)).isEqualTo(withPair);
        assertThat(Texts.firstCodePoints(withPair, 2)).isEqualTo("a\uD840\uDC00");
        assertThat(Texts.firstCodePoints(withPair + "cd", 4)).isEqualTo(withPair + "c");
    }

    @Test
    void aTextOfInvisibleCharactersIsBlank() {
        assertThat(Texts.clean(" \u200B ")).isNull();
        assertThat(Texts.clean("\u00A0\uFEFF\u3000")).isNull();
        assertThat(Texts.clean(" 投诉 ")).isEqualTo("投诉");
        assertThat(Texts.clean(null)).isNull();
    }
}
