import { hasBrand } from './brand';

/** The brands of the two container classes, so that job definitions tell them apart without `instanceof`. */
export const EC2_CONTAINER_BRAND = 'EcsEc2ContainerDefinition';
export const FARGATE_CONTAINER_BRAND = 'EcsFargateContainerDefinition';

/** True for instances of `EcsEc2ContainerDefinition`. */
export function isEc2Container(x: unknown): boolean {
  return hasBrand(x, EC2_CONTAINER_BRAND);
}

/** True for instances of `EcsFargateContainerDefinition`. */
export function isFargateContainer(x: unknown): boolean {
  return hasBrand(x, FARGATE_CONTAINER_BRAND);
}
