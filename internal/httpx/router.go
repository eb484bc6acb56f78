package httpx

import "github.com/gofiber/fiber/v2"

// Guarded is a router whose every route runs guard first (sign-in). Unlike a group middleware, it guards only
// routes that exist, so an unknown path answers 404 rather than 401.
type Guarded struct {
	fiber.Router
	Guard fiber.Handler
}

func (g Guarded) with(hs []fiber.Handler) []fiber.Handler {
	return append([]fiber.Handler{g.Guard}, hs...)
}

func (g Guarded) Get(path string, hs ...fiber.Handler) fiber.Router {
	return g.Router.Get(path, g.with(hs)...)
}
func (g Guarded) Post(path string, hs ...fiber.Handler) fiber.Router {
	return g.Router.Post(path, g.with(hs)...)
}
func (g Guarded) Put(path string, hs ...fiber.Handler) fiber.Router {
	return g.Router.Put(path, g.with(hs)...)
}
func (g Guarded) Patch(path string, hs ...fiber.Handler) fiber.Router {
	return g.Router.Patch(path, g.with(hs)...)
}
func (g Guarded) Delete(path string, hs ...fiber.Handler) fiber.Router {
	return g.Router.Delete(path, g.with(hs)...)
}
