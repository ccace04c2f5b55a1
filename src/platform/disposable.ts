/** What an event subscription or a part returns: `dispose()` ends it. Structurally the same as `vscode.Disposable`. */
export interface Disposable {
  dispose(): void;
}
