import { ApiProperty } from '@nestjs/swagger';

export class SpaceSummaryDto {
  @ApiProperty({ example: '90110001' }) id: string;
  @ApiProperty({ example: 'Engineering' }) name: string;
  @ApiProperty() archived: boolean;
}
