package com.clubos.messages.auth;

import com.clubos.messages.api.ApiResponse;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/auth")
@Tag(name = "Auth", description = "Staff sign-in for this service's own accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final LoginService loginService;
    private final StaffAccounts accounts;
    private final FirstAdmin firstAdmin;
    private final CurrentStaff staff;

    public AuthResource(LoginService loginService, StaffAccounts accounts, FirstAdmin firstAdmin, CurrentStaff staff) {
        this.loginService = loginService;
        this.accounts = accounts;
        this.firstAdmin = firstAdmin;
        this.staff = staff;
    }

    @POST
    @Path("/login")
    @PermitAll
    @Operation(summary = "Sign in with username and password; answers a bearer token")
    @APIResponse(responseCode = "200", description = "Signed in")
    @APIResponse(responseCode = "401", description = "Wrong username or password")
    @APIResponse(responseCode = "429", description = "Too many failed attempts")
    public ApiResponse<LoginResult> login(
            @Valid @NotNull(message = "body is required") LoginRequest request, @Context HttpServerRequest http) {
        return ApiResponse.ok(loginService.login(request, address(http)));
    }

    @PUT
    @Path("/password")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SUPPORT})
    @SecurityRequirement(name = "jwt")
    @Operation(
            summary = "Change one's own password: {currentPassword, newPassword}. Other sessions end; "
                    + "the answer carries this session's new token")
    @APIResponse(responseCode = "400", description = "Wrong current password, a weak new one, or a ClubOS account")
    @APIResponse(responseCode = "429", description = "Too many wrong current passwords")
    public ApiResponse<TokenIssuer.IssuedToken> changePassword(
            @Valid @NotNull(message = "body is required") PasswordChangeRequest request) {
        return ApiResponse.ok(accounts.changeOwnPassword(staff.ownAccountId(), request));
    }

    @GET
    @Path("/me")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SUPPORT})
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Who the token belongs to, and whether it is one of our accounts or a ClubOS sign-in")
    @APIResponse(responseCode = "401", description = "Invalid, expired or ended token")
    @APIResponse(responseCode = "403", description = "A ClubOS role that may not use Messages")
    public ApiResponse<SessionView> me() {
        return ApiResponse.ok(staff.session());
    }

    @GET
    @Path("/setup")
    @PermitAll
    @Operation(summary = "Whether the first admin is still to be created, and whether a setup code works")
    public ApiResponse<SetupStatus> setupStatus(@QueryParam("code") String code) {
        return ApiResponse.ok(firstAdmin.status(code));
    }

    @POST
    @Path("/setup")
    @PermitAll
    @Operation(summary = "Create the first admin with the code of the setup link printed at start; signs them in")
    @APIResponse(responseCode = "403", description = "The code is wrong, expired or used")
    @APIResponse(responseCode = "409", description = "An admin exists already")
    public ApiResponse<LoginResult> setup(@Valid @NotNull(message = "body is required") SetupRequest request) {
        return ApiResponse.ok(firstAdmin.complete(request));
    }

    private static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
