package com.clubos.messages.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The staff chat pages. They carry no data: the page's script loads everything from the API with
 * the staff member's token, so the pages themselves need no authentication.
 */
@Path("/")
@PermitAll
@Tag(name = "Pages", description = "The hosted staff chat")
public class PageResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login();

        static native TemplateInstance messages();

        static native TemplateInstance admin();

        static native TemplateInstance setup();

        static native TemplateInstance account();

        static native TemplateInstance reports();

        static native TemplateInstance campaigns();
    }

    @GET
    @Operation(hidden = true)
    public Response root() {
        return Response.seeOther(URI.create("/messages")).build();
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Staff sign-in page")
    public TemplateInstance login() {
        return Templates.login();
    }

    @GET
    @Path("messages")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Staff chat page")
    public TemplateInstance messages() {
        return Templates.messages();
    }

    @GET
    @Path("admin")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Admin page: staff accounts, snippets and the audit log (the API refuses non-admins)")
    public TemplateInstance admin() {
        return Templates.admin();
    }

    @GET
    @Path("setup")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "First-admin setup page, opened from the link printed at start while no admin exists")
    public TemplateInstance setup() {
        return Templates.setup();
    }

    @GET
    @Path("reports")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Reports: volumes, response times, staff and busiest hours (the API refuses support staff)")
    public TemplateInstance reports() {
        return Templates.reports();
    }

    @GET
    @Path("campaigns")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Campaigns: create, preview, upload recipients, start, pause, cancel, live progress")
    public TemplateInstance campaigns() {
        return Templates.campaigns();
    }

    @GET
    @Path("account")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "One's own account: change the password")
    public TemplateInstance account() {
        return Templates.account();
    }
}
