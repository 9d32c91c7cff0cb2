package org.bankcrm.service.alert;

import java.util.ArrayList;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.shared.EmailAddress;
import org.bankcrm.service.shared.Texts;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What each user sets for themselves: the address the digest goes to, the digest on or off, its language. */
@Service
@RequiredArgsConstructor
public class ProfileService {

    /** The languages a digest is written in. */
    public static final List<String> LANGUAGES = List.of("zh-CN", "en");

    /** A user's preferences as the profile page shows them. */
    public record Profile(String email, boolean digestEnabled, String language) {
    }

    private final DigestStore store;

    @Transactional(readOnly = true)
    public Profile of(CurrentUser user) {
        DigestStore.Preferences p = store.preferences(user.id());
        return new Profile(p.email(), p.digestEnabled(), p.language());
    }

    /** Saves the caller's own preferences; a bad address or language is refused, nothing changed. */
    @Transactional
    public Profile save(CurrentUser user, String email, boolean digestEnabled, String language) {
        List<FieldError> errors = new ArrayList<>();
        String mail = Texts.clean(email);
        if (mail != null && (mail.length() > 200 || !EmailAddress.valid(mail))) {
            errors.add(new FieldError("email", "profile.email.invalid"));
        }
        if (!LANGUAGES.contains(language)) {
            errors.add(new FieldError("language", "profile.language.unknown"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        store.savePreferences(user.id(), new DigestStore.Preferences(mail, digestEnabled, language));
        return of(user);
    }
}
