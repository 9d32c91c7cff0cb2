package org.bankcrm.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.bankcrm.service.alert.NotificationService;
import org.bankcrm.service.org.CrmUserDetailsService;
import org.bankcrm.service.org.CrmUserDetailsService.CrmUserDetails;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The layout's model (D62): a rendered page gets the signed-in user, its navigation entry and the bell's count; a
 * fragment no bell; API answers (no view) and redirects nothing at all, so they count no notifications.
 */
@CrmWebTest
class LayoutModelTest {

    @Autowired
    LayoutModel layout;

    @Autowired
    CrmUserDetailsService users;

    @Autowired
    NotificationService notifications;

    private CrmUserDetails rm;

    @BeforeEach
    void signIn() {
        rm = (CrmUserDetails) users.loadUserByUsername("rm1");
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(rm, null, rm.getAuthorities()));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aPageGetsTheUserItsNavigationEntryAndTheBell() {
        ModelAndView page = handled("/opportunities/42", new ModelAndView("opportunities/detail"));
        assertThat(page.getModel()).containsEntry("me", rm.user()).containsEntry("currentNav", "/opportunities")
                .containsEntry("unreadCount", notifications.bellCount(rm.user()));
    }

    @Test
    void aValueTheHandlerSetIsKept() {
        ModelAndView bell = new ModelAndView("fragments/bell :: bell").addObject("unreadCount", 7L);
        assertThat(handled("/notifications/bell", bell).getModel()).containsEntry("unreadCount", 7L)
                .containsEntry("me", rm.user());
    }

    @Test
    void aFragmentHasNoBell() {
        ModelAndView board = handled("/opportunities/board", new ModelAndView("opportunities/board :: board"));
        assertThat(board.getModel()).containsEntry("me", rm.user())
                .containsEntry("currentNav", "/opportunities/board").doesNotContainKey("unreadCount");
    }

    @Test
    void redirectsAndAnswersWithoutAViewGetNothing() {
        assertThat(handled("/opportunities/42", new ModelAndView("redirect:/opportunities/42")).getModel()).isEmpty();
        assertThat(handled("/opportunities/42", new ModelAndView(new RedirectView("/x"))).getModel()).isEmpty();
        layout.postHandle(request("/api/v1/me"), new MockHttpServletResponse(), new Object(), null);
    }

    @Test
    void theLoginPageHasNoUserAndNoBell() {
        SecurityContextHolder.clearContext();
        ModelAndView login = handled("/login", new ModelAndView("login"));
        assertThat(login.getModel()).containsEntry("me", null).doesNotContainKey("unreadCount");
    }

    @Test
    void theLanguageLinksKeepThePagesQueryButItsLanguage() {
        assertThat(LayoutModel.withoutLang(null)).isEmpty();
        assertThat(LayoutModel.withoutLang("lang=en")).isEmpty();
        assertThat(LayoutModel.withoutLang("q=%E6%9D%8E&lang=en&page=2")).isEqualTo("q=%E6%9D%8E&page=2");
        assertThat(LayoutModel.withoutLang("language=x&lang&&stage=WON")).isEqualTo("language=x&stage=WON");
    }

    private ModelAndView handled(String path, ModelAndView mav) {
        layout.postHandle(request(path), new MockHttpServletResponse(), new Object(), mav);
        return mav;
    }

    private static MockHttpServletRequest request(String path) {
        return new MockHttpServletRequest("GET", path);
    }
}
