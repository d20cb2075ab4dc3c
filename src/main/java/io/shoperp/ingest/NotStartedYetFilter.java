package io.shoperp.ingest;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.CamelContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The web server listens before the Camel routes that serve webhooks have started; meanwhile a delivery would get
 * 404, which Shopify counts as a failed subscription call. It gets 503 instead: not stored, retry later.
 */
@Configuration(proxyBeanMethods = false)
public class NotStartedYetFilter extends OncePerRequestFilter {

    private final CamelContext camel;

    public NotStartedYetFilter(CamelContext camel) {
        this.camel = camel;
    }

    @Bean
    FilterRegistrationBean<NotStartedYetFilter> notStartedYetFilterRegistration() {
        FilterRegistrationBean<NotStartedYetFilter> registration = new FilterRegistrationBean<>(this);
        registration.addUrlPatterns(RawBodyRequestFilter.WEBHOOK_PATHS);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (camel.getStatus().isStarted()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(IngestOutcome.UNAVAILABLE.httpStatus());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"outcome\":\"unavailable\",\"message\":\"starting: not stored, retry later\"}");
    }
}
