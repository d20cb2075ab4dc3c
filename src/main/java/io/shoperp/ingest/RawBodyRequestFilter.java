package io.shoperp.ingest;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the webhook body a raw byte stream whatever Content-Type the sender claims. A form-encoded
 * Content-Type would make the servlet container and Camel parse (and consume) the body as form fields, and
 * the signature could then never be checked over the exact bytes that were signed.
 */
@Configuration(proxyBeanMethods = false)
public class RawBodyRequestFilter extends OncePerRequestFilter {

    static final String WEBHOOK_PATHS = "/webhooks/*";

    @Bean
    FilterRegistrationBean<RawBodyRequestFilter> rawBodyRequestFilterRegistration() {
        FilterRegistrationBean<RawBodyRequestFilter> registration = new FilterRegistrationBean<>(this);
        registration.addUrlPatterns(WEBHOOK_PATHS);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(isForm(request.getContentType()) ? new RawBodyRequest(request) : request, response);
    }

    private static boolean isForm(String contentType) {
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    /** The same request, presented as opaque bytes with no form parameters. */
    private static final class RawBodyRequest extends HttpServletRequestWrapper {

        RawBodyRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getContentType() {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }

        @Override
        public String getHeader(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Content-Type".equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(getContentType())) : super.getHeaders(name);
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }
    }
}
