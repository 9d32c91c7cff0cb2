package org.bankcrm.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.bankcrm.service.alert.NotificationService;
import org.bankcrm.service.org.CrmUserDetailsService;
import org.bankcrm.service.org.CrmUserDetailsService.CrmUserDetails;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
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

    @Autowired
    MessageSource messages;

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
        assertThat(page.getModel().get("nav")).asInstanceOf(InstanceOfAssertFactories.list(Navigation.Item.class))
                .filteredOn(i -> !i.isMenu()).extracting(i -> i.link().path() + (i.link().current() ? " *" : ""))
                .contains("/", "/opportunities *", "/opportunities/board");
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
    void aClientErrorPageGetsTheLayoutAndAServerErrorPageNothing() {
        ModelAndView notFound = new ModelAndView("error/404", HttpStatus.NOT_FOUND);
        layout.addTo(request("/opportunities/42"), notFound);
        assertThat(notFound.getModel()).containsEntry("me", rm.user()).containsKey("unreadCount");
        // A 5xx page queries nothing (what failed may be the database): a layout without notifications would throw.
        LayoutModel withoutDatabase = new LayoutModel(null, null);
        for (HttpStatus status : new HttpStatus[] {HttpStatus.INTERNAL_SERVER_ERROR, HttpStatus.SERVICE_UNAVAILABLE}) {
            ModelAndView failed = new ModelAndView("error/5xx", status);
            withoutDatabase.addTo(request("/opportunities/42"), failed);
            assertThat(failed.getModel()).as(status.toString()).isEmpty();
        }
    }

    @Test
    void aBellThatCannotBeCountedLeavesAnErrorPageAsItIs() {
        NotificationService down = new NotificationService(null) {
            @Override
            public long bellCount(org.bankcrm.service.org.CurrentUser user) {
                throw new DataAccessResourceFailureException("connection refused");
            }
        };
        ModelAndView conflict = new ModelAndView("error/409", HttpStatus.CONFLICT);
        new LayoutModel(down, messages).addTo(request("/opportunities/42"), conflict);
        assertThat(conflict.getModel()).containsEntry("me", rm.user()).containsEntry("unreadCount", null);
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
