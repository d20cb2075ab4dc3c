package io.shoperp.onboarding;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /admin/setup-check (admin basic auth): runs the check now; JSON, or one line per check as text/plain. */
@RestController
@RequestMapping("/admin/setup-check")
public class SetupCheckController {

    private final SetupCheckStatus status;

    public SetupCheckController(SetupCheckStatus status) {
        this.status = status;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> json() {
        SetupCheckReport report = status.run();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("at", report.at().toString());
        body.put("passed", report.passed());
        body.put("checks", report.checks());
        return body;
    }

    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    public String text() {
        return status.run().text();
    }
}
