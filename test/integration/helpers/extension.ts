import * as vscode from 'vscode';

export const extensionId = 'service-catalog-actions.service-catalog-actions';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

export interface ExtensionManifest {
  name: string;
  publisher: string;
  contributes: {
    commands?: ContributedCommand[];
    viewsContainers?: { activitybar?: Array<{ id: string; title: string }> };
    views?: Record<string, Array<{ id: string; name: string }>>;
  };
}

export function getExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(extensionId);
  if (!extension) throw new Error(`${extensionId} is not loaded in this extension host`);
  return extension;
}

/** Activates the extension under test (a no-op when it already is) and returns it. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = getExtension();
  await extension.activate();
  return extension;
}

export function manifest(): ExtensionManifest {
  return getExtension().packageJSON as ExtensionManifest;
}
