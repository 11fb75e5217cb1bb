import { Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import type { Agent } from '@common/api/agents';
import { TranslatePipe } from '@ngx-translate/core';

export interface AgentStatusDialogData {
  agent: Agent;
  /** What confirming does: disable an active agent, or enable a disabled one. */
  disable: boolean;
}

/** Asks before an agent is disabled (they lose access at once) or enabled again. Closes with true to go ahead. */
@Component({
  selector: 'app-agent-status-dialog',
  imports: [MatButtonModule, MatDialogModule, TranslatePipe],
  template: `
    <h2 mat-dialog-title>
      {{ (data.disable ? 'agents.confirmDisable.title' : 'agents.confirmEnable.title') | translate }}
    </h2>
    <mat-dialog-content data-testid="confirm-message">
      {{
        (data.disable ? 'agents.confirmDisable.message' : 'agents.confirmEnable.message')
          | translate: { name: data.agent.name, mobile: data.agent.mobile }
      }}
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" data-testid="confirm-cancel">
        {{ 'common.cancel' | translate }}
      </button>
      <button mat-flat-button type="button" [mat-dialog-close]="true" cdkFocusInitial data-testid="confirm-ok">
        {{ (data.disable ? 'agents.disable' : 'agents.enable') | translate }}
      </button>
    </mat-dialog-actions>
  `,
})
export class AgentStatusDialog {
  protected readonly data = inject<AgentStatusDialogData>(MAT_DIALOG_DATA);
}
