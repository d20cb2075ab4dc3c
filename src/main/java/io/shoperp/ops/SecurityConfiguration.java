package io.shoperp.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Webhooks authenticate by HMAC, not by a user, so they are open here; health and Prometheus metrics are open
 * for probes and scrapers; everything else (Hawtio, Jolokia, admin API) needs the admin's basic credentials.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String ADMIN_ROLE = "ADMIN";
    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        // /error: a failed request must show its own status, not a login challenge.
                        .requestMatchers("/webhooks/**", "/error").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .anyRequest().hasRole(ADMIN_ROLE))
                .httpBasic(basic -> { })
                // No browser session or form is involved: every call carries its credentials or its signature.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** The hash only lives in memory, so a low cost is safe; it keeps stateless basic auth cheap per request. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(4);
    }

    @Bean
    UserDetailsService adminUsers(AdminProperties admin, PasswordEncoder encoder) {
        if (!admin.enabled()) {
            LOG.warn("admin.password is not set: Hawtio, Jolokia and the admin API refuse every request");
            return new InMemoryUserDetailsManager();
        }
        return new InMemoryUserDetailsManager(User.withUsername(admin.username())
                .password(encoder.encode(admin.password()))
                .roles(ADMIN_ROLE)
                .build());
    }
}
