import { Component, input } from '@angular/core';
import type { Message } from '@common/api/messages';
import { TranslatePipe } from '@ngx-translate/core';
import { PeriodPipe } from '../../shared/format/period.pipe';

/** A message in the reader's language, from its kind and parameters (`messages.kinds.*` in the catalogues). */
@Component({
  selector: 'app-message-text',
  imports: [TranslatePipe, PeriodPipe],
  templateUrl: './message-text.html',
})
export class MessageText {
  readonly message = input.required<Message>();
}
