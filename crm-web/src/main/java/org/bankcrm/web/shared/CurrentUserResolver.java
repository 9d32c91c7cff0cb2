package org.bankcrm.web.shared;

import org.bankcrm.service.org.CrmUserDetailsService.CrmUserDetails;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets a handler take a {@link CurrentUser} parameter: the signed-in user the services need. */
public class CurrentUserResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(CurrentUser.class);
    }

    @Override
    public CurrentUser resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                       WebDataBinderFactory binderFactory) {
        return current();
    }

    public static CurrentUser current() {
        CurrentUser user = signedIn();
        if (user == null) {
            throw new AuthenticationCredentialsNotFoundException("not signed in");
        }
        return user;
    }

    /** The signed-in user, or null when there is none (the login page, an anonymous request). */
    public static CurrentUser signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof CrmUserDetails details ? details.user() : null;
    }
}
