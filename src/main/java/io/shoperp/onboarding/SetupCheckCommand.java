package io.shoperp.onboarding;

import io.shoperp.authority.AuthorityProperties;
import io.shoperp.erpnext.ErpNextConfiguration;
import io.shoperp.erpnext.ErpNextProperties;
import io.shoperp.ingest.ShopifyProperties;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.mapping.ShopMappings;
import io.shoperp.shopify.ShopifyAdminClients;
import io.shoperp.shopify.reconcile.ReconcileProperties;
import io.shoperp.stock.StockProperties;
import io.shoperp.topics.TopicConfiguration;
import io.shoperp.topics.TopicProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Operator command: runs the setup check, prints one line per check and exits 0 when all pass, 1 otherwise. It reads
 * the same configuration as the application (application.yaml, config/application.yaml, env) but starts only the
 * ERPNext and Shopify clients: no web server, database or routes. Deliberately not a component, so the application's
 * component scan ignores it.
 */
@EnableConfigurationProperties({ErpNextProperties.class, ErpNextMappingProperties.class, ShopifyProperties.class,
        AuthorityProperties.class, StockProperties.class, ReconcileProperties.class, AdminJobProperties.class,
        SetupCheckProperties.class,
        TopicProperties.class})
@Import({ErpNextConfiguration.class, ShopMappings.class, ShopifyAdminClients.class, SetupCheckConfiguration.class,
        TopicConfiguration.class})
public class SetupCheckCommand {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The exit code; the lines go to standard output, a check that could not start to standard error. */
    static int run(String... args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SetupCheckCommand.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .run(args)) {
            SetupCheckReport report = context.getBean(SetupCheck.class).run();
            System.out.print(report.text());
            System.out.println(report.passed() ? "setup check passed"
                    : "setup check FAILED: " + report.failures().size() + " of " + report.checks().size());
            return report.passed() ? 0 : 1;
        } catch (RuntimeException e) {
            System.err.println("setup check could not run: " + e.getMessage());
            return 1;
        }
    }
}
