package io.shoperp.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.shoperp.inbox.InboxLeases;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class WebhookAvailabilityFilterTest {

    private final InboxLeases leases = mock(InboxLeases.class);

    @Test
    void answers503UntilTheRoutesHaveStarted() throws Exception {
        CamelContext camel = mock(CamelContext.class);
        when(camel.getStatus()).thenReturn(ServiceStatus.Starting);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        new WebhookAvailabilityFilter(camel, leases).doFilter(new MockHttpServletRequest("POST", "/webhooks/shopify"), response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).contains("retry later");
        assertThat(chain.getRequest()).as("the request went no further").isNull();
    }

    @Test
    void passesRequestsOnceStarted() throws Exception {
        CamelContext camel = mock(CamelContext.class);
        when(camel.getStatus()).thenReturn(ServiceStatus.Started);
        MockFilterChain chain = new MockFilterChain();

        new WebhookAvailabilityFilter(camel, leases).doFilter(new MockHttpServletRequest("POST", "/webhooks/shopify"),
                new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
    }

    @Test
    void answers503OnceTheInstanceIsShuttingDown() throws Exception {
        CamelContext camel = mock(CamelContext.class);
        when(camel.getStatus()).thenReturn(ServiceStatus.Started);
        when(leases.isShuttingDown()).thenReturn(true);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        new WebhookAvailabilityFilter(camel, leases).doFilter(new MockHttpServletRequest("POST", "/webhooks/shopify"),
                response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).contains("shutting down: not stored, retry later");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void aServerErrorOfAStartedApplicationIsAnsweredAsUnavailable() throws Exception {
        CamelContext camel = mock(CamelContext.class);
        when(camel.getStatus()).thenReturn(ServiceStatus.Started);
        MockHttpServletResponse response = new MockHttpServletResponse();

        new WebhookAvailabilityFilter(camel, leases).doFilter(new MockHttpServletRequest("POST", "/webhooks/shopify"), response,
                (request, served) -> ((HttpServletResponse) served).setStatus(500));

        assertThat(response.getStatus()).isEqualTo(503);
    }
}
