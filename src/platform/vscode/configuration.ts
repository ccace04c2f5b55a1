import * as vscode from 'vscode';
import type { Disposable } from '../disposable';

/** One section of VS Code's configuration (`serviceCatalog`), by the names of its settings without the prefix. */
export function configurationSection<Name extends string>(section: string) {
  const config = () => vscode.workspace.getConfiguration(section);
  return {
    get: <T>(name: Name, defaultValue: T): T => config().get<T>(name, defaultValue),
    setGlobal: async (name: Name, value: unknown): Promise<void> => {
      await config().update(name, value, vscode.ConfigurationTarget.Global);
    },
    onDidChange: (listener: (changed: (name: Name) => boolean) => void): Disposable =>
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(section)) {
          listener((name) => event.affectsConfiguration(`${section}.${name}`));
        }
      }),
  };
}
