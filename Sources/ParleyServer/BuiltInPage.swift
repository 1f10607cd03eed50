/// Pages the server makes itself when the site has none to offer.
enum BuiltInPage {
    /// For an unknown path when the site has no `404.html`.
    static func notFound(path: String) -> String {
        page(
            title: "Page not found",
            body: "<p>Nothing in the built site answers to <code>\(path.htmlEscaped)</code>.</p>"
                + "<p><a href=\"/\">Go to the home page</a></p>"
        )
    }

    /// For any page while the output folder has no `index.html`: the overlay shows the build's errors over it.
    static let notBuilt = page(
        title: "The site has not been built yet",
        body: "<p>The output folder has no <code>index.html</code> yet. If the build failed, its errors are listed "
            + "over this page; fix them and save, and the page reloads by itself once a build succeeds.</p>"
    )

    private static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        <style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 10vh auto; padding: 0 1rem; color: #222; }</style>
        </head>
        <body>
        <h1>\(title)</h1>
        \(body)
        </body>
        </html>

        """
    }
}
