// The contract of this gateway (/q/openapi), rendered by the Swagger UI of the org.webjars:swagger-ui jar.
window.ui = SwaggerUIBundle({
  url: "/q/openapi",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: "StandaloneLayout",
});
