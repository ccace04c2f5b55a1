import * as vscode from 'vscode';
import type { AcceptLanguage, AccessLevel } from '../aws/serviceCatalogApi';
import { acceptLanguageFor } from './language';

const section = 'serviceCatalog';

/** The extension's settings, read when needed so changes apply without a reload. */
export class Settings {
  private get config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(section);
  }

  /** Profiles to show; empty means all. */
  get profiles(): string[] {
    return this.config.get<string[]>('profiles', []).filter((name) => typeof name === 'string' && name.trim() !== '');
  }

  /** Regions to show for every profile, besides the profile's own region. */
  get regions(): string[] {
    return this.config.get<string[]>('regions', []).filter((name) => typeof name === 'string' && name.trim() !== '');
  }

  get accessLevel(): AccessLevel {
    const value = this.config.get<string>('accessLevel', 'User');
    return value === 'Account' || value === 'Role' ? value : 'User';
  }

  get confirmBeforeExecute(): boolean {
    return this.config.get<boolean>('confirmBeforeExecute', true);
  }

  get maxConcurrentExecutions(): number {
    const value = this.config.get<number>('maxConcurrentExecutions', 3);
    return Number.isInteger(value) && value > 0 ? Math.min(value, 10) : 3;
  }

  get acceptLanguage(): AcceptLanguage {
    const value = this.config.get<string>('acceptLanguage', 'auto');
    return value === 'en' || value === 'jp' || value === 'zh' ? value : acceptLanguageFor(vscode.env.language);
  }

  async setProfiles(profiles: string[]): Promise<void> {
    await this.config.update('profiles', profiles, vscode.ConfigurationTarget.Global);
  }

  onDidChange(listener: (event: vscode.ConfigurationChangeEvent) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(section)) {
        listener(event);
      }
    });
  }
}
