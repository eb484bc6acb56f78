package app

// NewWithSPA lets the tests serve other SPA files than the embedded build.
var NewWithSPA = newApp
