package io.shoperp.erpnext;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Operator command: creates the ERPNext custom fields, prints the report and exits 0, or 1 on any failure.
 * It reads the same configuration as the application (application.yaml, config/application.yaml, env) but starts
 * only the ERPNext client: no web server, database or routes. Deliberately not a component, so the
 * application's component scan ignores it.
 */
@EnableConfigurationProperties(ErpNextProperties.class)
@Import(ErpNextConfiguration.class)
public class CustomFieldSetupCommand {

    public static void main(String[] args) {
        int exitCode;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CustomFieldSetupCommand.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .run(args)) {
            CustomFieldSetupReport report = context.getBean(CustomFieldSetup.class).run();
            System.out.println("ERPNext custom fields: " + report);
            exitCode = 0;
        } catch (RuntimeException e) {
            System.err.println("ERPNext custom field setup FAILED: " + e.getMessage());
            exitCode = 1;
        }
        System.exit(exitCode);
    }
}
