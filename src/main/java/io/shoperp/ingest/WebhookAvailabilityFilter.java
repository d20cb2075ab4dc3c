package io.shoperp.ingest;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import io.shoperp.inbox.InboxLeases;
import org.apache.camel.CamelContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A webhook that was not stored is answered 503 (retry later), whatever kept it from being stored. The web server
 * listens before the Camel routes that serve webhooks have started, and after the instance started shutting down
 * (SIGTERM) it still answers while running events finish: meanwhile a delivery gets 503, not 404 or a refused
 * connection, and never a 2xx. A failure that escapes the routes' error handling (the database dying inside the
 * ingest transaction) becomes 503, not a bare 500.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookAvailabilityFilter extends OncePerRequestFilter {

    private final CamelContext camel;
    private final InboxLeases leases;

    public WebhookAvailabilityFilter(CamelContext camel, InboxLeases leases) {
        this.camel = camel;
        this.leases = leases;
    }

    @Bean
    FilterRegistrationBean<WebhookAvailabilityFilter> webhookAvailabilityFilterRegistration() {
        FilterRegistrationBean<WebhookAvailabilityFilter> registration = new FilterRegistrationBean<>(this);
        registration.addUrlPatterns(RawBodyRequestFilter.WEBHOOK_PATHS);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean shuttingDown = leases.isShuttingDown();
        if (camel.getStatus().isStarted() && !shuttingDown) {
            chain.doFilter(request, new UnavailableInsteadOfServerError(response));
            return;
        }
        response.setStatus(IngestOutcome.UNAVAILABLE.httpStatus());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"outcome\":\"unavailable\",\"message\":\"" + (shuttingDown ? "shutting down" : "starting")
                + ": not stored, retry later\"}");
    }

    /** The same response, with 500 answered as 503. */
    private static final class UnavailableInsteadOfServerError extends HttpServletResponseWrapper {

        UnavailableInsteadOfServerError(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int status) {
            super.setStatus(unavailableIfServerError(status));
        }

        @Override
        public void sendError(int status) throws IOException {
            super.sendError(unavailableIfServerError(status));
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            super.sendError(unavailableIfServerError(status), message);
        }

        private static int unavailableIfServerError(int status) {
            return status == SC_INTERNAL_SERVER_ERROR ? IngestOutcome.UNAVAILABLE.httpStatus() : status;
        }
    }
}
