package auth

import (
	"context"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rozvoj/rozvoj/internal/httpx"
)

// RefreshCookie holds the refresh token; it is sent only to the auth endpoints.
const (
	RefreshCookie = "rozvoj_refresh"
	cookiePath    = "/api/v1/auth"
)

// Handler serves /api/v1/auth. Me describes the signed-in person in the login answer (the directory knows how).
type Handler struct {
	Service        *Service
	Me             func(ctx context.Context, p *Principal) (any, error)
	InsecureCookie bool
}

type loginRequest struct {
	Email    string `json:"email" validate:"required,max=254"`
	Password string `json:"password" validate:"required,max=200"`
}

// SessionResponse is the body of a successful login or refresh.
type SessionResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	User        any    `json:"user"`
}

// Routes registers the public sign-in endpoints.
func (h *Handler) Routes(r fiber.Router) {
	r.Post("/auth/login", h.login)
	r.Post("/auth/refresh", h.refresh)
	r.Post("/auth/logout", h.logout)
}

func (h *Handler) login(c *fiber.Ctx) error {
	var req loginRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	sess, err := h.Service.Login(c.UserContext(), req.Email, req.Password, c.IP())
	if err != nil {
		return err
	}
	return h.respond(c, sess)
}

func (h *Handler) refresh(c *fiber.Ctx) error {
	sess, err := h.Service.Refresh(c.UserContext(), c.Cookies(RefreshCookie))
	if err != nil {
		h.setCookie(c, "", time.Unix(0, 0))
		return err
	}
	return h.respond(c, sess)
}

func (h *Handler) logout(c *fiber.Ctx) error {
	if err := h.Service.Logout(c.UserContext(), c.Cookies(RefreshCookie)); err != nil {
		return err
	}
	h.setCookie(c, "", time.Unix(0, 0))
	return c.SendStatus(fiber.StatusNoContent)
}

func (h *Handler) respond(c *fiber.Ctx, sess *Session) error {
	p, err := h.Service.accounts.Principal(c.UserContext(), h.Service.db, sess.UserID)
	if err != nil {
		return err
	}
	me, err := h.Me(c.UserContext(), p)
	if err != nil {
		return err
	}
	h.setCookie(c, sess.RefreshToken, sess.RefreshExpiry)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(SessionResponse{
		AccessToken: sess.AccessToken, TokenType: "Bearer", ExpiresIn: int(sess.AccessExpires.Seconds()), User: me,
	})
}

func (h *Handler) setCookie(c *fiber.Ctx, value string, expires time.Time) {
	c.Cookie(&fiber.Cookie{
		Name: RefreshCookie, Value: value, Path: cookiePath, Expires: expires,
		HTTPOnly: true, Secure: !h.InsecureCookie, SameSite: fiber.CookieSameSiteStrictMode,
	})
}

// Middleware requires a valid bearer token and puts the principal into the request.
func (h *Handler) Middleware(c *fiber.Ctx) error {
	authz := c.Get(fiber.HeaderAuthorization)
	token, ok := strings.CutPrefix(authz, "Bearer ")
	if !ok || token == "" {
		return httpx.Unauthorized("Sign in first: send the access token as Authorization: Bearer ….")
	}
	p, err := h.Service.Authenticate(c.UserContext(), token)
	if err != nil {
		return err
	}
	c.Locals(principalKey, p)
	return c.Next()
}
